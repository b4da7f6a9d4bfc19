using System.Collections.Concurrent;

using ModuleKit;

namespace ModuleRuntime.Routing;

/// <summary>
/// Health known only from failed calls: an instance that could not be reached is left out for the module's
/// reactivation period. Used where no active health checks run (an extracted service calling the front door).
/// </summary>
internal sealed class PassiveDestinations(TimeProvider clock) : IModuleDestinations
{
    private readonly ConcurrentDictionary<Uri, DateTimeOffset> failedUntil = new();
    private readonly RoundRobin turns = new();

    public Uri? Pick(ModuleRoute route)
    {
        var now = clock.GetUtcNow();
        return turns.Pick(route.Destinations, d => !failedUntil.TryGetValue(d, out var until) || until <= now);
    }

    public void ReportFailure(ModuleRoute route, Uri destination) =>
        failedUntil[destination] = clock.GetUtcNow() + route.Options.HealthCheck.ReactivationPeriod;

    public IReadOnlyList<DestinationStatus> Describe(ModuleRoute route)
    {
        var now = clock.GetUtcNow();
        return [.. route.Destinations.Select(d => failedUntil.TryGetValue(d, out var until) && until > now
            ? new DestinationStatus(d.ToString(), "Unhealthy", "a call could not reach it; left out for the reactivation period")
            : new DestinationStatus(d.ToString(), "Unknown"))];
    }
}
