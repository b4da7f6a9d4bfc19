using System.Text.Json.Nodes;
using static ModuleRuntime.Cluster.Manifest;

namespace ModuleRuntime.Cluster;

/// <summary>
/// Who may call what, per workload: public paths from the ingress gateway (and the Host, which forwards); the internal
/// endpoints (<c>/internal/contracts</c>, <c>/internal/events</c>) only from the workloads that host modules;
/// <c>/metrics</c> only from Prometheus. Anything else is denied, since an ALLOW policy selects the workload.
/// </summary>
internal static class Access
{
    private const string Internal = "/internal/*";
    private const string Metrics = "/metrics";

    public static JsonObject Policy(Workload workload, IReadOnlyList<Workload> workloads, ClusterSettings cluster)
    {
        var ns = cluster.Namespace;
        var publicCallers = workload.IsHost ? [cluster.IngressPrincipal] : new[] { cluster.IngressPrincipal, Principal(Workload.HostName, ns) };
        var internalCallers = workloads.Where(w => w != workload).Select(w => Principal(w.Name, ns));
        return Document(Mesh.SecurityVersion, "AuthorizationPolicy", workload.Name, ns, new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = workload.Name } },
            ["action"] = "ALLOW",
            ["rules"] = Array(
                Rule(publicCallers, "notPaths", Internal, Metrics),
                Rule(internalCallers, "paths", Internal),
                Rule([cluster.PrometheusPrincipal], "paths", Metrics)),
        });
    }

    private static JsonObject Rule(IEnumerable<string> principals, string pathsKey, params string[] paths) => new()
    {
        ["from"] = Array(new JsonObject { ["source"] = new JsonObject { ["principals"] = Strings(principals) } }),
        ["to"] = Array(new JsonObject { ["operation"] = new JsonObject { [pathsKey] = Strings(paths) } }),
    };

    /// <summary>PostgreSQL and RabbitMQ run outside the cluster: a stable name inside it, and an entry that lets the mesh reach them.</summary>
    public static IEnumerable<JsonObject> ExternalServers(ClusterSettings cluster)
    {
        var servers = new (string Name, ExternalServer Server, string Protocol)[]
        {
            ("postgres", cluster.Postgres, "TCP"),
            ("rabbitmq", cluster.RabbitMq, "TCP"),
        };
        foreach (var (name, server, _) in servers)
        {
            yield return Document("v1", "Service", name, cluster.Namespace, new JsonObject
            {
                ["type"] = "ExternalName",
                ["externalName"] = server.Host,
                ["ports"] = Array(new JsonObject { ["name"] = "tcp", ["port"] = server.Port }),
            });
        }

        yield return Document(Mesh.NetworkingVersion, "ServiceEntry", "external-servers", cluster.Namespace, new JsonObject
        {
            ["hosts"] = Strings(servers.Select(s => s.Server.Host)),
            ["location"] = "MESH_EXTERNAL",
            ["resolution"] = "DNS",
            ["ports"] = Array(servers.Select(s => (JsonNode)new JsonObject
            {
                ["number"] = s.Server.Port,
                ["name"] = $"tcp-{s.Name}",
                ["protocol"] = s.Protocol,
            })),
        });
    }
}
