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
/// Healthy, why (a failed probe, a database that is not the module's, a refused connection, no probe yet).
/// </summary>
public sealed record DestinationStatus(string Address, string Health, string? Reason = null);
