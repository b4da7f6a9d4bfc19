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
        // Keyed by address, not position: YARP keeps a destination's health across reloads by its id, and an
        // instance that replaces another in the list must earn its own confirmation (docs/adr/0036).
        Destinations = route.Destinations.ToDictionary(d => $"{route.Name}@{d}", d => new DestinationConfig { Address = d.ToString() }),
        HealthCheck = new HealthCheckConfig
        {
            // Only instances a probe confirmed: not YARP's HealthyAndUnknown (a new instance would take work before
            // its database was checked) nor its default HealthyOrPanic (here the answer to "none is healthy" is the
            // in-process fallback or a clear 503).
            AvailableDestinationsPolicy = ConfirmedDestinations.PolicyName,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = route.Options.HealthCheck.Interval,
                Timeout = route.Options.HealthCheck.Timeout,
                // Ready and on the module's own database; one failed probe is enough to leave an instance out.
                Policy = DatabaseIdentityCheck.PolicyName,
                Path = "/health/ready",
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = "TransportFailureRate",
                ReactivationPeriod = route.Options.HealthCheck.ReactivationPeriod,
            },
        },
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
