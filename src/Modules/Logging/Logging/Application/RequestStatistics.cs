using System.Globalization;
using Logging.Data;

namespace Logging.Application;

/// <summary>
/// Counts and latency percentiles per group over a window: from the roll-ups (<see cref="RollupStatistics"/>), which
/// cost the same however many records the window holds; from the raw records (<see cref="RawStatistics"/>) only for a
/// window within one minute, or while records stored before the roll-ups existed are still being added to them.
/// </summary>
internal sealed class RequestStatistics(LoggingDbContext db, RawStatistics raw, RollupStatistics rollups)
{
    public const int MaxGroups = 500;

    /// <summary>
    /// The largest groups first (ties by key); for <see cref="Grouping.Minute"/> the latest minutes that have
    /// records, in time order.
    /// </summary>
    public async Task<IReadOnlyList<GroupStatistics>> GroupAsync(Grouping grouping, AnalysisWindow window, int limit, CancellationToken cancellationToken) =>
        await PlanAsync(window, hours: !grouping.ByTime, cancellationToken) is { } plan
            ? await rollups.GroupAsync(grouping, plan, limit, cancellationToken)
            : await raw.GroupAsync(grouping, window, limit, cancellationToken);

    /// <summary>All requests in the window, and how many ended in a client (4xx) or server (5xx) error.</summary>
    public async Task<(long Total, long ClientErrors, long ServerErrors)> CountErrorsAsync(AnalysisWindow window, CancellationToken cancellationToken) =>
        await PlanAsync(window, hours: true, cancellationToken) is { } plan
            ? await rollups.CountErrorsAsync(plan, cancellationToken)
            : await raw.CountErrorsAsync(window, cancellationToken);

    /// <summary>Minute keys read as the same ISO-8601 form the API writes times in.</summary>
    public static string FormatMinute(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private async Task<RollupPlan?> PlanAsync(AnalysisWindow window, bool hours, CancellationToken cancellationToken)
    {
        var pending = await db.Backfill.AsNoTracking().AnyAsync(b => b.Below > 0, cancellationToken);
        return pending ? null : RollupPlan.For(window, hours);
    }
}
