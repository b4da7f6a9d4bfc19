using Logging.Data;
using static Logging.Application.StatisticsSql;

namespace Logging.Application;

/// <summary>
/// Counts and exact latency percentiles per group, computed from the raw records inside the database: one pass ranks
/// each group's durations with window functions and picks the nearest-rank percentiles. It reads every record of
/// the window, so <see cref="RequestStatistics"/> uses it only where the roll-ups cannot answer (a window within one
/// minute, or while records stored before the roll-ups are still being added to them).
/// </summary>
internal sealed class RawStatistics(LoggingDbContext db)
{
    public async Task<IReadOnlyList<GroupStatistics>> GroupAsync(Grouping grouping, AnalysisWindow window, int limit, CancellationToken cancellationToken)
    {
        // Nearest rank: the smallest rank r with r >= p% of n, that is ceil(p * n / 100) = (p * n + 99) / 100 in integers.
        // Durations sort with the missing ones last, so ranks 1..Timed are exactly the records that have one.
        var grouped = $"""
            WITH windowed AS (
                SELECT {grouping.KeyExpression} AS group_key, "Status" AS status, "DurationMs" AS duration_ms
                FROM "LogRecords"
                WHERE "Timestamp" >= @from AND "Timestamp" < @to
            ),
            ranked AS (
                SELECT group_key, status, duration_ms,
                    ROW_NUMBER() OVER (PARTITION BY group_key ORDER BY duration_ms IS NULL, duration_ms) AS duration_rank,
                    COUNT(duration_ms) OVER (PARTITION BY group_key) AS timed
                FROM windowed
            )
            SELECT group_key,
                COUNT(*) AS requests,
                COUNT(CASE WHEN status >= 500 THEN 1 END) AS errors,
                MAX(CASE WHEN duration_rank = (50 * timed + 99) / 100 THEN duration_ms END) AS p50,
                MAX(CASE WHEN duration_rank = (95 * timed + 99) / 100 THEN duration_ms END) AS p95,
                MAX(CASE WHEN duration_rank = (99 * timed + 99) / 100 THEN duration_ms END) AS p99
            FROM ranked
            GROUP BY group_key
            """;
        var sql = Limited(db, grouped, grouping.ByTime, grouping.Numeric);

        return await QueryAsync(db, sql, command => Parameters(command, window, limit), reader =>
        {
            var count = Long(reader, 1);
            var errors = Long(reader, 2);
            return new GroupStatistics(
                Key(reader, 0, grouping), count, errors, count == 0 ? 0 : (double)errors / count,
                Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5));
        }, cancellationToken);
    }

    public async Task<(long Total, long ClientErrors, long ServerErrors)> CountErrorsAsync(AnalysisWindow window, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT COUNT(*),
                COUNT(CASE WHEN "Status" >= 400 AND "Status" < 500 THEN 1 END),
                COUNT(CASE WHEN "Status" >= 500 THEN 1 END)
            FROM "LogRecords"
            WHERE "Timestamp" >= @from AND "Timestamp" < @to
            """;
        var rows = await QueryAsync(db, Sql, command => Parameters(command, window, limit: null), r => (Long(r, 0), Long(r, 1), Long(r, 2)), cancellationToken);
        return rows[0];
    }

    private static void Parameters(System.Data.Common.DbCommand command, AnalysisWindow window, int? limit)
    {
        Add(command, "from", window.FromMs);
        Add(command, "to", window.ToMs);
        if (limit is not null)
        {
            Add(command, "limit", limit.Value);
        }
    }
}
