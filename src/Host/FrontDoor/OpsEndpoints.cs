using ModuleKit.Auth;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Events.RabbitMq;
using ModuleRuntime.Routing;
using Monolith.Host.FrontDoor.Shadow;

namespace Monolith.Host.FrontDoor;

/// <summary>The module map for operators: where each module runs, how healthy its instances are, and where its traffic goes.</summary>
internal static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/ops/modules", async (ModuleRouter router, IModuleDestinations destinations, ModuleTraffic traffic, DeadLetters deadLetters, InstanceDetails details, ShadowResults shadows, CancellationToken cancellationToken) =>
            {
                var depths = await deadLetters.Depths(cancellationToken);
                return new ModuleMap(
                    [.. router.KnownModules().Select(name => Describe(router.Get(name), details.Add(name, destinations.Describe(router.Get(name))), traffic, depths.GetValueOrDefault(name), shadows))],
                    (int)ModuleTraffic.Span.TotalSeconds);
            })
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithTags("Ops")
            .WithSummary("Each module's mode, instances (where each was found, its version, database id, lease age) and their health, canary share, fallback, recent traffic (local, remote and fallback) and, with the RabbitMQ event transport, its dead-letter count (admin only).");
        endpoints.MapGet("/api/ops/modules/{name}/shadow", (string name, ModuleRouter router, ShadowResults shadows) =>
            {
                var known = router.KnownModules().FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new NotFoundException($"There is no module named '{name}'; GET /api/ops/modules lists them.");
                return shadows.Report(known, router.Get(known).Options.Shadow);
            })
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithTags("Ops")
            .WithSummary("What shadowing found for one module: answers compared, mismatches, failed and skipped shadow requests per route, and the latest mismatch samples, redacted (admin only).");
        return endpoints;
    }

    private static ModuleState Describe(ModuleRoute route, IReadOnlyList<DestinationStatus> destinations, ModuleTraffic traffic, long? deadLetters, ShadowResults shadows)
    {
        var shadow = shadows.Report(route.Name, route.Options.Shadow);
        var local = traffic.Recent(route.Name, ServedBy.Local);
        var remote = traffic.Recent(route.Name, ServedBy.Remote);
        var fallback = traffic.Recent(route.Name, ServedBy.Fallback);
        return new ModuleState(
            route.Name,
            route.Mode.ToString(),
            route.Hosted,
            route.Options.Fallback,
            route.Options.CanaryPercent,
            destinations,
            new SideTraffic(
                new Counts(local.Requests, local.Errors),
                new Counts(remote.Requests, remote.Errors),
                new Counts(fallback.Requests, fallback.Errors)),
            deadLetters,
            new ShadowSummary(shadow.Percent, shadow.Compared, shadow.Mismatched, shadow.Failed, shadow.Skipped));
    }

    internal sealed record ModuleMap(IReadOnlyList<ModuleState> Modules, int TrafficWindowSeconds);

    /// <summary>
    /// <paramref name="DeadLetters"/> and <paramref name="Shadow"/> came last, so existing clients keep working: the events
    /// this module's handlers gave up on, waiting in its dead-letter queue (null with HTTP push, for a module without
    /// handlers, or while the broker cannot be asked), and what shadow comparison found.
    /// </summary>
    internal sealed record ModuleState(
        string Name,
        string Mode,
        bool Hosted,
        bool Fallback,
        double CanaryPercent,
        IReadOnlyList<DestinationStatus> Destinations,
        SideTraffic Traffic,
        long? DeadLetters,
        ShadowSummary Shadow);

    /// <summary>Shadow comparison since the Host started; the details are at <c>/api/ops/modules/{name}/shadow</c>.</summary>
    internal sealed record ShadowSummary(double Percent, long Compared, long Mismatched, long Failed, long Skipped);

    /// <summary>
    /// Requests per way they were answered. <paramref name="Fallback"/> came last, so clients that know only local and
    /// remote keep working: meant for an instance, served in-process because none could take them.
    /// </summary>
    internal sealed record SideTraffic(Counts Local, Counts Remote, Counts Fallback);

    internal sealed record Counts(long Requests, long Errors);
}
