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
    private readonly Lazy<InstanceVerdicts> lazyVerdicts = new(services.GetRequiredService<InstanceVerdicts>);
    private readonly RoundRobin turns = new();

    private IProxyStateLookup State => lazyState.Value;

    private IDestinationHealthUpdater Updater => lazyUpdater.Value;

    private InstanceVerdicts Verdicts => lazyVerdicts.Value;

    public Uri? Pick(ModuleRoute route)
    {
        if (!State.TryGetCluster(route.Name, out var cluster))
        {
            return null;
        }

        var available = cluster.DestinationsState.AvailableDestinations;
        if (!SameDestinations(cluster, route))
        {
            // The cluster is being rebuilt after the module's instances changed: only instances in both the route and the
            // cluster take work meanwhile. A new one is not probed yet, so it waits for its probe (docs/adr/0036); one
            // that left (deregistered, dropped) gets no more; the others keep serving, so a change of instances fails
            // no request (docs/adr/0043).
            available = [.. available.Where(d => route.Destinations.Contains(new Uri(d.Model.Config.Address)))];
        }

        return turns.Pick(available) is { } picked ? new Uri(picked.Model.Config.Address) : null;
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
            return [.. route.Destinations.Select(d => new DestinationStatus(d.ToString(), "Unknown", NotProbed))];
        }

        return [.. cluster.Destinations.Values.Select(d => Describe(route.Name, d))];
    }

    private const string NotProbed = "not probed yet: it takes no work until a probe finds it ready on the module's database";

    private DestinationStatus Describe(string module, DestinationState destination)
    {
        var address = destination.Model.Config.Address;
        return (destination.Health.Active, destination.Health.Passive) switch
        {
            (DestinationHealth.Unhealthy, _) => new(address, "Unhealthy", Verdicts.Reason(module, address) ?? "its last readiness probe failed"),
            (_, DestinationHealth.Unhealthy) => new(address, "Unhealthy", "a request could not reach it; left out for the reactivation period"),
            (DestinationHealth.Healthy, _) => new(address, "Healthy"),
            _ => new(address, "Unknown", NotProbed),
        };
    }

    private static bool SameDestinations(ClusterState cluster, ModuleRoute route) =>
        cluster.Destinations.Count == route.Destinations.Count
        && route.Destinations.All(d => cluster.Destinations.Values.Any(s => new Uri(s.Model.Config.Address) == d));
}
