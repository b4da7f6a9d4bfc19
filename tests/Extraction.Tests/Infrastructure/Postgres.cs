using Npgsql;

namespace Extraction.Tests.Infrastructure;

/// <summary>Reads a module's PostgreSQL database directly, as an outside observer of what the processes stored.</summary>
internal static class Postgres
{
    public static async Task<long> Count(string connectionString, string sql, params (string Name, object Value)[] parameters) =>
        (await Rows(connectionString, sql, r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), parameters)).Single();

    public static async Task<List<T>> Rows<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
