using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Which instances of a module may take work: those a readiness probe has confirmed (active health Healthy: ready and
/// on the module's database) and that no failed request has put aside. Unlike YARP's HealthyAndUnknown, an instance
/// not probed yet gets nothing, so a newly configured one on the wrong data never sees a request; unlike
/// HealthyOrPanic, none available means fallback or a clear 503, never all of them.
/// </summary>
internal sealed class ConfirmedDestinations : IAvailableDestinationsPolicy
{
    public const string PolicyName = "Confirmed";

    public string Name => PolicyName;

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations) =>
        [.. allDestinations.Where(d => d.Health.Active == DestinationHealth.Healthy && d.Health.Passive != DestinationHealth.Unhealthy)];
}
