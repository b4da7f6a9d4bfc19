using ModuleRuntime.Routing;

namespace ModuleRuntime.Cluster;

/// <summary>A module as the cluster sees it: its public paths and its routing settings (<c>Modules:&lt;Name&gt;</c>).</summary>
public sealed record ClusterModule(string Name, IReadOnlyList<string> PublicPaths, ModuleRouteOptions Route)
{
    /// <summary>Whether the module gets a workload of its own: it runs remote, or a canary share goes to one.</summary>
    public bool Extracted => Route.Mode == ModuleMode.Remote || RemoteWeight > 0;

    public string Service => $"{Name.ToLowerInvariant()}-service";

    /// <summary>The share of public requests the mesh sends to the module's own workload, as a whole percentage.</summary>
    public int RemoteWeight => Route.Mode == ModuleMode.Remote ? 100 : (int)Math.Round(Math.Clamp(Route.CanaryPercent, 0, 100));
}

/// <summary>One Deployment: the Host (every module compiled in, the front door) or an extracted module's service.</summary>
internal sealed record Workload(string Name, bool IsHost, IReadOnlyList<ClusterModule> Modules)
{
    public const string HostName = "host";
}
