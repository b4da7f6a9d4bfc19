using ModuleKit;

namespace ModuleRuntime.Routing;

/// <summary>Which of a module's extracted instances are fit to take work. The Host answers from its front door's health checks.</summary>
public interface IModuleDestinations
{
    /// <summary>A healthy instance of the module, spreading calls over all healthy ones; null when none is healthy.</summary>
    Uri? Pick(ModuleRoute route);

    /// <summary>Tells the health tracking that an instance could not be reached, so it is left out for a while.</summary>
    void ReportFailure(ModuleRoute route, Uri destination);

    IReadOnlyList<DestinationStatus> Describe(ModuleRoute route);
}

/// <summary>
/// An extracted instance and what is known about its health: Healthy, Unhealthy or Unknown, and, when it is not
/// Healthy, why (a failed probe, a database that is not the module's, a refused connection, no probe yet). The
/// properties after <see cref="Reason"/> came later (docs/adr/0043), so clients that know only the first three keep
/// working: where the instance was found (<see cref="InstanceSources"/>), the version and database id it reported,
/// and how long ago its lease was renewed (registered instances only).
/// </summary>
public sealed record DestinationStatus(string Address, string Health, string? Reason = null)
{
    public IReadOnlyList<string> Sources { get; init; } = [];

    public string? Version { get; init; }

    public string? DatabaseId { get; init; }

    public double? LeaseAgeSeconds { get; init; }
}
