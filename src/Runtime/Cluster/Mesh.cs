using System.Text.Json.Nodes;
using ModuleRuntime.Routing;
using static ModuleRuntime.Cluster.Manifest;

namespace ModuleRuntime.Cluster;

/// <summary>
/// The Istio resources that take over what the front door does for public traffic: the split by mode and canary
/// share, the forcing header, timeouts, retries, injected faults, outlier detection; plus mTLS and who may call what.
/// </summary>
internal static class Mesh
{
    public const string NetworkingVersion = "networking.istio.io/v1";
    public const string SecurityVersion = "security.istio.io/v1";

    public static JsonObject PeerAuthentication(string ns) =>
        Document(SecurityVersion, "PeerAuthentication", "default", ns, new JsonObject { ["mtls"] = new JsonObject { ["mode"] = "STRICT" } });

    public static JsonObject Gateway(ClusterSettings cluster) => Document(NetworkingVersion, "Gateway", "monolith", cluster.Namespace, new JsonObject
    {
        ["selector"] = new JsonObject { ["istio"] = "ingressgateway" },
        ["servers"] = Array(new JsonObject
        {
            ["port"] = new JsonObject { ["number"] = 80, ["name"] = "http", ["protocol"] = "HTTP" },
            ["hosts"] = Strings(cluster.PublicHost),
        }),
    });

    /// <summary>
    /// The public routes, in the order Istio tries them: per extracted module the forcing header's two answers, then
    /// the weighted split; everything else goes to the Host.
    /// </summary>
    public static JsonObject PublicRoutes(IReadOnlyList<ClusterModule> modules, ClusterSettings cluster)
    {
        var ns = cluster.Namespace;
        var routes = new JsonArray();
        foreach (var module in modules.Where(m => m.Extracted))
        {
            routes.Add(Route($"{module.Service}-forced-remote", Matches(module, "remote"), module, [(module.Service, 100)], ns, faults: true));
            routes.Add(Route($"{module.Service}-forced-local", Matches(module, "local"), module, [(Workload.HostName, 100)], ns, faults: false));
            var weight = module.RemoteWeight;
            (string, int)[] split = weight >= 100 ? [(module.Service, 100)] : [(module.Service, weight), (Workload.HostName, 100 - weight)];
            // A fault on a split route would hit the Host's share too, so only a route wholly to the service carries one.
            routes.Add(Route(module.Service, Matches(module, header: null), module, split, ns, faults: weight >= 100));
        }

        routes.Add(new JsonObject
        {
            ["name"] = Workload.HostName,
            ["route"] = Array(Destination(Workload.HostName, ns, weight: null)),
        });
        return Document(NetworkingVersion, "VirtualService", "monolith", ns, new JsonObject
        {
            ["hosts"] = Strings(cluster.PublicHost),
            ["gateways"] = Strings("monolith"),
            ["http"] = routes,
        });
    }

    /// <summary>Calls inside the mesh to a module's service (the Host's contract calls and events, forwarded requests).</summary>
    public static JsonObject ServiceRoutes(ClusterModule module, string ns) =>
        Document(NetworkingVersion, "VirtualService", module.Service, ns, new JsonObject
        {
            ["hosts"] = Strings(Fqdn(module.Service, ns)),
            ["http"] = Array(Route(module.Service, null, module, [(module.Service, 100)], ns, faults: true)),
        });

    /// <summary>
    /// mTLS to the service, the connection limits of the front door's own handler, and outlier detection standing in
    /// for the circuit breaker and the passive health check: an instance that fails is left out for the reactivation period.
    /// </summary>
    public static JsonObject DestinationRule(ClusterModule module, string ns)
    {
        var remote = module.Route.Remote;
        return Document(NetworkingVersion, "DestinationRule", module.Service, ns, new JsonObject
        {
            ["host"] = Fqdn(module.Service, ns),
            ["trafficPolicy"] = new JsonObject
            {
                ["tls"] = new JsonObject { ["mode"] = "ISTIO_MUTUAL" },
                ["connectionPool"] = new JsonObject
                {
                    ["tcp"] = new JsonObject { ["maxConnections"] = 256, ["connectTimeout"] = "2s" },
                },
                ["outlierDetection"] = new JsonObject
                {
                    ["consecutive5xxErrors"] = Math.Max(1, (int)Math.Ceiling(remote.BreakerFailureRatio * remote.BreakerMinimumThroughput)),
                    ["interval"] = Duration(module.Route.HealthCheck.Interval),
                    ["baseEjectionTime"] = Duration(module.Route.HealthCheck.ReactivationPeriod),
                    ["maxEjectionPercent"] = 100,
                },
            },
        });
    }

    private static JsonObject Route(string name, JsonArray? match, ClusterModule module, (string Service, int Weight)[] to, string ns, bool faults)
    {
        var remote = module.Route.Remote;
        var route = new JsonObject { ["name"] = name };
        if (match is not null)
        {
            route["match"] = match;
        }

        route["route"] = Array(to.Select(t => (JsonNode)Destination(t.Service, ns, to.Length > 1 ? t.Weight : null)));
        route["timeout"] = Duration(remote.Timeout * (remote.QueryRetries + 1));
        // Only failures before the request reached the module are retried: a command must not run twice.
        route["retries"] = new JsonObject
        {
            ["attempts"] = remote.QueryRetries,
            ["perTryTimeout"] = Duration(remote.Timeout),
            ["retryOn"] = "connect-failure,refused-stream,unavailable",
        };
        if (faults && Fault(module.Route.Faults.Remote) is { } fault)
        {
            route["fault"] = fault;
        }

        return route;
    }

    private static JsonObject? Fault(FaultOptions faults)
    {
        if (faults.IsOff)
        {
            return null;
        }

        var fault = new JsonObject();
        if (faults.LatencyRate > 0 && faults.Latency > TimeSpan.Zero)
        {
            fault["delay"] = new JsonObject { ["percentage"] = Percentage(faults.LatencyRate), ["fixedDelay"] = Duration(faults.Latency) };
        }

        if (faults.FailureRate > 0)
        {
            fault["abort"] = new JsonObject { ["percentage"] = Percentage(faults.FailureRate), ["httpStatus"] = 503 };
        }

        return fault;
    }

    private static JsonObject Percentage(double rate) => new() { ["value"] = Math.Round(Math.Clamp(rate, 0, 1) * 100, 3) };

    private static JsonObject Destination(string service, string ns, int? weight)
    {
        var destination = new JsonObject
        {
            ["destination"] = new JsonObject { ["host"] = Fqdn(service, ns), ["port"] = new JsonObject { ["number"] = HttpPort } },
        };
        if (weight is { } w)
        {
            destination["weight"] = w;
        }

        return destination;
    }

    /// <summary>Each public path as itself and as a prefix with a slash, so <c>/api/users</c> does not also take <c>/api/usersx</c>.</summary>
    private static JsonArray Matches(ClusterModule module, string? header) => Array(module.PublicPaths.SelectMany(path => new[]
    {
        Match(new JsonObject { ["exact"] = path }, header),
        Match(new JsonObject { ["prefix"] = path.TrimEnd('/') + "/" }, header),
    }));

    private static JsonObject Match(JsonObject uri, string? header)
    {
        var match = new JsonObject { ["uri"] = uri };
        if (header is not null)
        {
            match["headers"] = new JsonObject { [ModulePlacement.ForceHeader.ToLowerInvariant()] = new JsonObject { ["exact"] = header } };
        }

        return match;
    }
}
