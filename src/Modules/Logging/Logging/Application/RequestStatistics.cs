using System.Data.Common;
using System.Globalization;
using Logging.Data;

namespace Logging.Application;

/// <summary>
/// Counts and latency percentiles per group, computed inside the database: one pass ranks each group's durations
/// with window functions and picks the nearest-rank percentiles, so no row is loaded into memory. The SQL is the
/// subset SQLite and PostgreSQL share: quoted names, @ parameters, integer arithmetic on Unix milliseconds.
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
        // Keys sort in binary order with a missing key first on both: PostgreSQL would otherwise sort text by the
        // database's collation and put NULL last.
        var keyOrder = grouping.Numeric ? "group_key NULLS FIRST" : "group_key COLLATE \"C\" NULLS FIRST";
        var sql = grouping.ByTime
            ? $"SELECT * FROM ({grouped} ORDER BY group_key DESC LIMIT @limit) AS latest ORDER BY group_key"
            : $"{grouped} ORDER BY requests DESC, {keyOrder} LIMIT @limit";
        if (!db.Database.IsNpgsql())
        {
            // SQLite's BINARY is its default order already, and it has no collation named "C".
            sql = sql.Replace(" COLLATE \"C\"", string.Empty, StringComparison.Ordinal);
        }

        return await QueryAsync(sql, window, command => Add(command, "limit", limit), reader =>
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
                COUNT(CASE WHEN "Status" >= 400 AND "Status" < 500 THEN 1 END),
                COUNT(CASE WHEN "Status" >= 500 THEN 1 END)
            FROM "LogRecords"
            WHERE "Timestamp" >= @from AND "Timestamp" < @to
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
            ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : reader.GetString(0);
    }

    private static double? Nullable(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

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
            Add(command, "from", window.FromMs);
            Add(command, "to", window.ToMs);
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
