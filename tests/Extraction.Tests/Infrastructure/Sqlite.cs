using Microsoft.Data.Sqlite;

namespace Extraction.Tests.Infrastructure;

/// <summary>Reads a module's database file directly, read-only, as an outside observer of what the processes stored.</summary>
internal static class Sqlite
{
    public static long Count(string file, string sql, params (string Name, object? Value)[] parameters)
    {
        long result = 0;
        Read(file, sql, reader => result = reader.GetInt64(0), parameters);
        return result;
    }

    public static List<T> Rows<T>(string file, string sql, Func<SqliteDataReader, T> row, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        Read(file, sql, reader => rows.Add(row(reader)), parameters);
        return rows;
    }

    /// <summary>
    /// Takes the database's write lock until disposed, as a long transaction would: every process's writes wait (up to
    /// their busy timeout) while reads go on.
    /// </summary>
    public static IDisposable HoldWriteLock(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return connection;
    }

    private static void Read(string file, string sql, Action<SqliteDataReader> read, (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            read(reader);
        }
    }
}
