using System.Data.Common;
using System.Globalization;
using Logging.Data;

namespace Logging.Application;

/// <summary>What the raw and the rolled-up statistics share: running a query on the module's connection and reading keys.</summary>
internal static class StatisticsSql
{
    /// <summary>Keys sort in binary order with a missing key first on both providers (PostgreSQL would otherwise use the database's collation and put NULL last).</summary>
    public static string KeyOrder(LoggingDbContext db, bool numeric)
    {
        var order = numeric ? "group_key NULLS FIRST" : "group_key COLLATE \"C\" NULLS FIRST";

        // SQLite's BINARY is its default order already, and it has no collation named "C".
        return db.Database.IsNpgsql() ? order : order.Replace(" COLLATE \"C\"", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The largest groups first (ties by key); for minutes the latest that have records, in time order.</summary>
    public static string Limited(LoggingDbContext db, string grouped, bool byTime, bool numeric) => byTime
        ? $"SELECT * FROM ({grouped} ORDER BY group_key DESC LIMIT @limit) AS latest ORDER BY group_key"
        : $"{grouped} ORDER BY requests DESC, {KeyOrder(db, numeric)} LIMIT @limit";

    public static string? Key(DbDataReader reader, int ordinal, Grouping grouping)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        if (grouping == Grouping.Minute)
        {
            return RequestStatistics.FormatMinute(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
        }

        return grouping == Grouping.Status
            ? Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : reader.GetString(ordinal);
    }

    public static double? Nullable(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public static async Task<List<T>> QueryAsync<T>(
        LoggingDbContext db, string sql, Action<DbCommand> addParameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Interpolated parts are fixed key expressions, fixed clauses and generated parameter names.
            command.CommandText = sql;
#pragma warning restore CA2100
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
