using System.Data.Common;
using System.Globalization;
using Logging.Data;

namespace Logging.Application;

/// <summary>
/// Counts and latency percentiles per group, computed inside SQLite: one pass ranks each group's durations
/// with window functions and picks the nearest-rank percentiles, so no row is loaded into memory.
/// </summary>
internal sealed class RequestStatistics(LoggingDbContext db)
{
    public const int MaxGroups = 500;

    /// <summary>
    /// The largest groups first (ties by key); for <see cref="Grouping.Minute"/> the latest minutes that have
    /// records, in time order.
    /// </summary>
    public async Task<IReadOnlyList<GroupStatistics>> GroupAsync(Grouping grouping, AnalysisWindow window, int limit, CancellationToken cancellationToken)
    {
        // Nearest rank: the smallest rank r with r >= p% of n, that is ceil(p * n / 100) = (p * n + 99) / 100 in integers.
        // Durations sort with the missing ones last, so ranks 1..Timed are exactly the records that have one.
        var grouped = $"""
            WITH windowed AS (
                SELECT {grouping.KeyExpression} AS GroupKey, Status, DurationMs
                FROM LogRecords
                WHERE Timestamp >= $from AND Timestamp < $to
            ),
            ranked AS (
                SELECT GroupKey, Status, DurationMs,
                    ROW_NUMBER() OVER (PARTITION BY GroupKey ORDER BY DurationMs IS NULL, DurationMs) AS DurationRank,
                    COUNT(DurationMs) OVER (PARTITION BY GroupKey) AS Timed
                FROM windowed
            )
            SELECT GroupKey,
                COUNT(*) AS Requests,
                COUNT(CASE WHEN Status >= 500 THEN 1 END) AS Errors,
                MAX(CASE WHEN DurationRank = (50 * Timed + 99) / 100 THEN DurationMs END) AS P50,
                MAX(CASE WHEN DurationRank = (95 * Timed + 99) / 100 THEN DurationMs END) AS P95,
                MAX(CASE WHEN DurationRank = (99 * Timed + 99) / 100 THEN DurationMs END) AS P99
            FROM ranked
            GROUP BY GroupKey
            """;
        var sql = grouping.ByTime
            ? $"SELECT * FROM ({grouped} ORDER BY GroupKey DESC LIMIT $limit) ORDER BY GroupKey"
            : $"{grouped} ORDER BY Requests DESC, GroupKey LIMIT $limit";

        return await QueryAsync(sql, window, command => Add(command, "$limit", limit), reader =>
        {
            var count = reader.GetInt64(1);
            var errors = reader.GetInt64(2);
            return new GroupStatistics(
                Key(reader, grouping), count, errors, count == 0 ? 0 : (double)errors / count,
                Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5));
        }, cancellationToken);
    }

    /// <summary>All requests in the window, and how many ended in a client (4xx) or server (5xx) error.</summary>
    public async Task<(long Total, long ClientErrors, long ServerErrors)> CountErrorsAsync(AnalysisWindow window, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT COUNT(*),
                COUNT(CASE WHEN Status >= 400 AND Status < 500 THEN 1 END),
                COUNT(CASE WHEN Status >= 500 THEN 1 END)
            FROM LogRecords
            WHERE Timestamp >= $from AND Timestamp < $to
            """;
        var rows = await QueryAsync(Sql, window, _ => { }, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), cancellationToken);
        return rows[0];
    }

    /// <summary>Minute keys read as the same ISO-8601 form the API writes times in.</summary>
    public static string FormatMinute(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static string? Key(DbDataReader reader, Grouping grouping)
    {
        if (reader.IsDBNull(0))
        {
            return null;
        }

        if (grouping == Grouping.Minute)
        {
            return FormatMinute(reader.GetInt64(0));
        }

        return grouping == Grouping.Status
            ? reader.GetInt64(0).ToString(CultureInfo.InvariantCulture)
            : reader.GetString(0);
    }

    private static double? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<List<T>> QueryAsync<T>(
        string sql, AnalysisWindow window, Action<DbCommand> addParameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // The only interpolated parts are a Grouping's fixed key expression and fixed ORDER BY clauses.
            command.CommandText = sql;
#pragma warning restore CA2100
            Add(command, "$from", window.FromMs);
            Add(command, "$to", window.ToMs);
            addParameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
