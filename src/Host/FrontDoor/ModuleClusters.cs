using Microsoft.Extensions.Primitives;
using ModuleRuntime.Composition;
using ModuleRuntime.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Gives YARP one cluster per module that has extracted instances configured, with active health checks against
/// each instance's <c>/health/ready</c> and passive health from failed forwards. Rebuilt whenever the modules'
/// configuration reloads, so adding an instance or flipping a mode needs no restart.
/// </summary>
internal sealed class ModuleClusters : IProxyConfigProvider
{
    private readonly ModuleRouter router;
    private readonly ModuleCatalog catalog;
    private readonly Lock gate = new();
    private Snapshot current;

    public ModuleClusters(ModuleRouter router, ModuleCatalog catalog)
    {
        this.router = router;
        this.catalog = catalog;
        current = Build();
        router.Changed += Refresh;
    }

    public IProxyConfig GetConfig() => current;

    private void Refresh()
    {
        Snapshot previous;
        lock (gate)
        {
            previous = current;
            current = Build();
        }

        previous.Expire();
    }

    private Snapshot Build() => new([.. catalog.Modules
        .Select(m => router.Get(m.Name))
        .Where(r => r.Destinations.Count > 0)
        .Select(Cluster)]);

    private static ClusterConfig Cluster(ModuleRoute route) => new()
    {
        ClusterId = route.Name,
        Destinations = route.Destinations.Select((d, i) => (d, i)).ToDictionary(
            x => $"{route.Name}-{x.i}", x => new DestinationConfig { Address = x.d.ToString() }),
        HealthCheck = new HealthCheckConfig
        {
            // Not YARP's default (HealthyOrPanic), which sends to every instance once none is healthy: here the
            // answer to "none is healthy" is the in-process fallback or a clear 503.
            AvailableDestinationsPolicy = "HealthyAndUnknown",
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = route.Options.HealthCheck.Interval,
                Timeout = route.Options.HealthCheck.Timeout,
                Policy = "ConsecutiveFailures",
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = "TransportFailureRate",
                ReactivationPeriod = route.Options.HealthCheck.ReactivationPeriod,
            },
        },
        Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
    };

    private sealed class Snapshot(IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        private readonly CancellationTokenSource expired = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = [];

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken => new CancellationChangeToken(expired.Token);

        public void Expire() => expired.Cancel();
    }
}
