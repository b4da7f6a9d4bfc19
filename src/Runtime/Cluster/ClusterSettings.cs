namespace ModuleRuntime.Cluster;

/// <summary>
/// What the manifests need beyond the module settings (<c>Cluster</c>): where images come from, the public host name,
/// replica counts, and the database server and broker that live outside the cluster.
/// </summary>
public sealed class ClusterSettings
{
    public string Namespace { get; set; } = "monolith";

    /// <summary>Images are <c>&lt;Registry&gt;/&lt;workload&gt;:&lt;Tag&gt;</c>, such as <c>registry.example.com/monolith/host:1.0.0</c>.</summary>
    public string Registry { get; set; } = "registry.example.com/monolith";

    public string Tag { get; set; } = "latest";

    /// <summary>The name clients use; the ingress gateway's routes answer for it.</summary>
    public string PublicHost { get; set; } = "monolith.example.com";

    /// <summary>The service account the ingress gateway runs as, the only caller of public paths besides the workloads.</summary>
    public string IngressPrincipal { get; set; } = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";

    /// <summary>The service account Prometheus scrapes as, the only caller of <c>/metrics</c>.</summary>
    public string PrometheusPrincipal { get; set; } = "cluster.local/ns/monitoring/sa/prometheus";

    /// <summary>Replicas per workload, by <c>Host</c> or module name; 2 when not given.</summary>
    public Dictionary<string, int> Replicas { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ExternalServer Postgres { get; set; } = new() { Host = "postgres.example.com", Port = 5432 };

    public ExternalServer RabbitMq { get; set; } = new() { Host = "rabbitmq.example.com", Port = 5672 };
}

/// <summary>A server outside the cluster, reached through a Service of type ExternalName.</summary>
public sealed class ExternalServer
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; }
}
