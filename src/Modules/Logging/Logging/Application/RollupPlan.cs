using Logging.Domain;

namespace Logging.Application;

/// <summary>
/// How a window [From, To) in milliseconds splits for the roll-ups: raw records in [From, MinutesFrom) and
/// [MinutesTo, To), the parts of a minute at the ends; minute rows in [MinutesFrom, HoursFrom) and [HoursTo, MinutesTo);
/// hourly rows in [HoursFrom, HoursTo) when the window holds a whole hour and hours are asked for.
/// </summary>
internal sealed record RollupPlan(long From, long To, long MinutesFrom, long MinutesTo, long HoursFrom, long HoursTo)
{
    public bool HasHours => HoursFrom < HoursTo;

    /// <summary>The plan for a window, or null when it holds no whole minute (then the raw records answer it whole).</summary>
    public static RollupPlan? For(AnalysisWindow window, bool hours)
    {
        var from = window.FromMs;
        var to = window.ToMs;
        var minutesFrom = Ceiling(from, RollupSpan.Minute);
        var minutesTo = Floor(to, RollupSpan.Minute);
        if (minutesFrom >= minutesTo)
        {
            return null;
        }

        var hoursFrom = Ceiling(minutesFrom, RollupSpan.Hour);
        var hoursTo = Floor(minutesTo, RollupSpan.Hour);
        return hours && hoursFrom < hoursTo
            ? new RollupPlan(from, to, minutesFrom, minutesTo, hoursFrom, hoursTo)
            : new RollupPlan(from, to, minutesFrom, minutesTo, minutesTo, minutesTo);
    }

    // Times are after 2000 (LogRecordRules), so positive: integer division rounds down.
    private static long Floor(long ms, long span) => ms / span * span;

    private static long Ceiling(long ms, long span) => Floor(ms + span - 1, span);
}
