using ModuleRuntime.Routing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Health of extracted instances as YARP's health checks see it, shared by the front door's HTTP forwarding, the
/// contract calls and the event deliveries, so all three leave a dead instance alone at the same moment.
/// </summary>
internal sealed class YarpDestinations(IServiceProvider services) : IModuleDestinations
{
    // Resolved on first use: YARP's state depends on the module clusters, which depend on the router, which uses this.
    private readonly Lazy<IProxyStateLookup> lazyState = new(services.GetRequiredService<IProxyStateLookup>);
    private readonly Lazy<IDestinationHealthUpdater> lazyUpdater = new(services.GetRequiredService<IDestinationHealthUpdater>);
    private readonly RoundRobin turns = new();

    private IProxyStateLookup State => lazyState.Value;

    private IDestinationHealthUpdater Updater => lazyUpdater.Value;

    public Uri? Pick(ModuleRoute route)
    {
        if (!State.TryGetCluster(route.Name, out var cluster) || !SameDestinations(cluster, route))
        {
            // The cluster is being (re)built after a configuration change: its instances' health is not known yet.
            return turns.Pick(route.Destinations);
        }

        return turns.Pick(cluster.DestinationsState.AvailableDestinations) is { } picked ? new Uri(picked.Model.Config.Address) : null;
    }

    public void ReportFailure(ModuleRoute route, Uri destination)
    {
        if (State.TryGetCluster(route.Name, out var cluster)
            && cluster.Destinations.Values.FirstOrDefault(d => new Uri(d.Model.Config.Address) == destination) is { } failed)
        {
            Updater.SetPassive(cluster, failed, DestinationHealth.Unhealthy, route.Options.HealthCheck.ReactivationPeriod);
        }
    }

    public IReadOnlyList<DestinationStatus> Describe(ModuleRoute route)
    {
        if (!State.TryGetCluster(route.Name, out var cluster))
        {
            return [.. route.Destinations.Select(d => new DestinationStatus(d.ToString(), "Unknown"))];
        }

        return [.. cluster.Destinations.Values.Select(d => new DestinationStatus(d.Model.Config.Address, Health(d)))];
    }

    private static string Health(DestinationState destination) => (destination.Health.Active, destination.Health.Passive) switch
    {
        (DestinationHealth.Unhealthy, _) or (_, DestinationHealth.Unhealthy) => "Unhealthy",
        (DestinationHealth.Healthy, _) => "Healthy",
        _ => "Unknown",
    };

    private static bool SameDestinations(ClusterState cluster, ModuleRoute route) =>
        cluster.Destinations.Count == route.Destinations.Count
        && route.Destinations.All(d => cluster.Destinations.Values.Any(s => new Uri(s.Model.Config.Address) == d));
}
