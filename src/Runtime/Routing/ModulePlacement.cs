using Microsoft.AspNetCore.Http;

namespace ModuleRuntime.Routing;

/// <summary>
/// Who serves a piece of a module's work: the copy in this process, an extracted instance, or the copy in this
/// process standing in for instances that could not take it. The front door (HTTP requests), contract calls and event
/// deliveries all ask here, so a module's routes, contracts and events always move together; and the answer is
/// counted here, once per piece of work, in <see cref="ModuleTraffic"/>. See <c>src/Runtime/Routing/README.md</c>.
/// </summary>
public sealed class ModulePlacement(ModuleRouter router, IModuleDestinations destinations, ModuleTraffic traffic, ModuleMetrics metrics)
{
    /// <summary>A request header that forces one side for testing: <c>local</c> or <c>remote</c>.</summary>
    public const string ForceHeader = "X-Module-Route";

    public ModuleRoute Route(string module) => router.Get(module);

    /// <summary>Rules 1 and 2 for one piece of work; <paramref name="http"/> is the request, when it may carry <see cref="ForceHeader"/>.</summary>
    public ModuleSide Choose(ModuleRoute route, HttpContext? http = null) =>
        Choose(route, http?.Request.Headers[ForceHeader].ToString(), Random.Shared.NextDouble() * 100);

    /// <summary>
    /// Rule 1, served here: the module is compiled into this process and either the caller forces it here, it has no
    /// instances, or it runs in-process and this piece is neither forced to the instances nor in the canary share
    /// (<paramref name="canaryRoll"/>, uniform in [0, 100), below <c>CanaryPercent</c>).
    /// Rule 2, forwarded: everything else, to the instance <see cref="Instance"/> picks.
    /// </summary>
    public static ModuleSide Choose(ModuleRoute route, string? forced, double canaryRoll)
    {
        if (!route.Hosted)
        {
            return ModuleSide.Remote;
        }

        if (string.Equals(forced, "local", StringComparison.OrdinalIgnoreCase) || route.Destinations.Count == 0)
        {
            return ModuleSide.Local;
        }

        if (string.Equals(forced, "remote", StringComparison.OrdinalIgnoreCase) || route.Mode == ModuleMode.Remote)
        {
            return ModuleSide.Remote;
        }

        return canaryRoll < route.Options.CanaryPercent ? ModuleSide.Remote : ModuleSide.Local;
    }

    /// <summary>Rule 2's instance: the next healthy one in turn; null when none is healthy.</summary>
    public Uri? Instance(ModuleRoute route) => destinations.Pick(route);

    /// <summary>An instance the work never reached: every caller leaves it out for the reactivation period, not only this one.</summary>
    public void Unreachable(ModuleRoute route, Uri instance) => destinations.ReportFailure(route, instance);

    /// <summary>
    /// Whether work an instance did not answer may be sent anywhere else (another instance, or this process) without
    /// risk of running twice: it never <paramref name="reached"/> an instance, or it is <paramref name="safeToRepeat"/>
    /// (a query, an idempotent HTTP method, an event that inboxes deduplicate).
    /// </summary>
    public static bool MayGoElsewhere(bool reached, bool safeToRepeat) => !reached || safeToRepeat;

    /// <summary>
    /// Rule 3, fall back: forwarded work no instance answered is served here when the module is compiled in,
    /// <c>Modules:&lt;Name&gt;:Fallback</c> is on, and it <see cref="MayGoElsewhere"/>. Otherwise the caller gets the
    /// failure (503/504 problem details, or the outbox tries the event again later).
    /// </summary>
    public static bool FallsBack(ModuleRoute route, bool reached, bool safeToRepeat) =>
        route.CanFallBack && MayGoElsewhere(reached, safeToRepeat);

    /// <summary>Counts one piece of work once, by what answered it; <paramref name="failed"/> when the caller got a server error.</summary>
    public void Record(ModuleRoute route, ServedBy servedBy, bool failed)
    {
        traffic.Record(route.Name, servedBy, failed);
        metrics.Served(route.Name, servedBy, failed);
    }

    /// <summary>Counts work served in-process: the module's own share, or, as a <paramref name="fallback"/>, standing in for its instances.</summary>
    public void RecordLocal(ModuleRoute route, bool fallback, bool failed) =>
        Record(route, fallback ? ServedBy.Fallback : ServedBy.Local, failed);
}
