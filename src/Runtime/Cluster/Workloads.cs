using System.Globalization;
using System.Text.Json.Nodes;
using ModuleRuntime.Routing;
using static ModuleRuntime.Cluster.Manifest;

namespace ModuleRuntime.Cluster;

/// <summary>A workload's Kubernetes documents: service account, settings, Deployment with probes, Service.</summary>
internal static class Workloads
{
    public const string DataDirectory = "/var/lib/monolith";

    public static IEnumerable<JsonObject> Documents(Workload workload, IReadOnlyList<ClusterModule> all, ClusterSettings cluster)
    {
        var ns = cluster.Namespace;
        yield return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = Metadata(workload.Name, ns) };
        yield return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata($"{workload.Name}-settings", ns),
            ["data"] = new JsonObject([.. Settings(workload, all, cluster).Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
        };
        yield return Deployment(workload, cluster);
        yield return Document("v1", "Service", workload.Name, ns, new JsonObject
        {
            ["selector"] = new JsonObject { ["app"] = workload.Name },
            ["ports"] = Array(new JsonObject { ["name"] = "http", ["port"] = HttpPort, ["targetPort"] = "http", ["appProtocol"] = "http" }),
        });
    }

    /// <summary>
    /// Plain settings as environment variables. The Host keeps its router for contract calls and events, but leaves
    /// the public split and the remote side's faults to the mesh: its canary share is 0 here (docs/deploy.md).
    /// </summary>
    private static SortedDictionary<string, string> Settings(Workload workload, IReadOnlyList<ClusterModule> all, ClusterSettings cluster)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_HTTP_PORTS"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Data__Directory"] = DataDirectory,
            ["Events__Transport"] = "RabbitMq",
            // Behind the sidecar every caller looks local; the authorization policy admits Prometheus alone to /metrics.
            ["Metrics__AllowRemote"] = "true",
        };
        foreach (var module in workload.Modules)
        {
            settings[$"Modules__{module.Name}__Database__Provider"] = "Postgres";
        }

        if (!workload.IsHost)
        {
            settings["FrontDoor__Url"] = Url(Workload.HostName, cluster.Namespace);
            return settings;
        }

        foreach (var module in all.Where(m => m.Extracted))
        {
            var key = $"Modules__{module.Name}__";
            var route = module.Route;
            settings[key + "Mode"] = route.Mode.ToString();
            settings[key + "Destinations__0"] = Url(module.Service, cluster.Namespace);
            settings[key + "CanaryPercent"] = "0";
            settings[key + "Fallback"] = route.Fallback ? "true" : "false";
            settings[key + "Remote__Timeout"] = route.Remote.Timeout.ToString("c", CultureInfo.InvariantCulture);
            settings[key + "Remote__QueryRetries"] = route.Remote.QueryRetries.ToString(CultureInfo.InvariantCulture);
            settings[key + "Remote__BreakerFailureRatio"] = route.Remote.BreakerFailureRatio.ToString(CultureInfo.InvariantCulture);
            settings[key + "Remote__BreakerMinimumThroughput"] = route.Remote.BreakerMinimumThroughput.ToString(CultureInfo.InvariantCulture);
            settings[key + "Remote__BreakDuration"] = route.Remote.BreakDuration.ToString("c", CultureInfo.InvariantCulture);
            AddFaults(settings, key + "Faults__Local__", route.Faults.Local);
        }

        foreach (var module in all.Where(m => !m.Extracted))
        {
            AddFaults(settings, $"Modules__{module.Name}__Faults__Local__", module.Route.Faults.Local);
        }

        return settings;
    }

    private static void AddFaults(SortedDictionary<string, string> settings, string key, FaultOptions faults)
    {
        if (faults.IsOff)
        {
            return;
        }

        settings[key + "Latency"] = faults.Latency.ToString("c", CultureInfo.InvariantCulture);
        settings[key + "LatencyRate"] = faults.LatencyRate.ToString(CultureInfo.InvariantCulture);
        settings[key + "FailureRate"] = faults.FailureRate.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Keys and connection strings come from Secrets the operator creates; the manifests only name them.</summary>
    private static IEnumerable<JsonObject> Secrets(Workload workload)
    {
        yield return Secret("Auth__Jwt__SigningKey", "jwt-signing-key", "pem");
        yield return Secret("Events__RabbitMq__Uri", "rabbitmq", "uri");
        foreach (var module in workload.Modules)
        {
            var name = module.Name.ToLowerInvariant();
            yield return Secret($"Modules__{module.Name}__Database__ConnectionString", $"{name}-database", "connection-string");
            if (module.Name == "Logging")
            {
                yield return Secret("Modules__Logging__Ingestion__Key", "logging-ingestion", "key");
            }

            if (module.Name == "Users")
            {
                yield return Secret("Modules__Users__GitHub__ClientSecret", "users-github", "client-secret", optional: true);
            }
        }
    }

    private static JsonObject Secret(string variable, string secret, string key, bool optional = false)
    {
        var reference = new JsonObject { ["name"] = secret, ["key"] = key };
        if (optional)
        {
            reference["optional"] = true;
        }

        return new JsonObject { ["name"] = variable, ["valueFrom"] = new JsonObject { ["secretKeyRef"] = reference } };
    }

    private static JsonObject Deployment(Workload workload, ClusterSettings cluster)
    {
        var health = workload.IsHost ? new HealthProbeOptions() : workload.Modules[0].Route.HealthCheck;
        var replicas = cluster.Replicas.TryGetValue(workload.IsHost ? "Host" : workload.Modules[0].Name, out var count) ? count : 2;
        var container = new JsonObject
        {
            ["name"] = workload.Name,
            ["image"] = $"{cluster.Registry}/{workload.Name}:{cluster.Tag}",
            ["ports"] = Array(new JsonObject { ["name"] = "http", ["containerPort"] = HttpPort }),
            ["envFrom"] = Array(new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = $"{workload.Name}-settings" } }),
            ["env"] = Array(Secrets(workload)),
            ["startupProbe"] = Probe("/health/live", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), failures: 30),
            ["livenessProbe"] = Probe("/health/live", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), failures: 3),
            ["readinessProbe"] = Probe("/health/ready", health.Interval, health.Timeout, failures: 1),
            ["volumeMounts"] = Array(new JsonObject { ["name"] = "data", ["mountPath"] = DataDirectory }),
        };
        var template = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject { ["app"] = workload.Name, ["version"] = cluster.Tag },
                ["annotations"] = new JsonObject
                {
                    ["prometheus.io/scrape"] = "true",
                    ["prometheus.io/port"] = HttpPort.ToString(CultureInfo.InvariantCulture),
                    ["prometheus.io/path"] = "/metrics",
                },
            },
            ["spec"] = new JsonObject
            {
                ["serviceAccountName"] = workload.Name,
                ["containers"] = Array(container),
                // The request-log spool and the signing key file live here; the key itself comes from a Secret.
                ["volumes"] = Array(new JsonObject { ["name"] = "data", ["emptyDir"] = new JsonObject() }),
            },
        };
        return Document("apps/v1", "Deployment", workload.Name, cluster.Namespace, new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = workload.Name } },
            ["template"] = template,
        });
    }

    private static JsonObject Probe(string path, TimeSpan period, TimeSpan timeout, int failures) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = "http" },
        ["periodSeconds"] = Seconds(period),
        ["timeoutSeconds"] = Seconds(timeout),
        ["failureThreshold"] = failures,
    };
}
