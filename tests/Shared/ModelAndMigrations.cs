using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ModuleKit.Data;

namespace Tests.Shared;

/// <summary>
/// The two checks that a module's model and migrations agree (docs/adr/0025), linked into each module's test project,
/// which calls them with its own DbContext. Neither starts the Host, so a failure names the module and the cause
/// rather than failing every Host test at start-up, where EF's own check now stops <c>Migrate()</c>.
/// </summary>
internal static class ModelAndMigrations
{
    /// <summary>
    /// Whether the model holds something its snapshot lacks, so that <c>dotnet ef migrations add</c> would generate a
    /// non-empty migration (the same comparison as <c>dotnet ef migrations has-pending-model-changes</c> and EF's
    /// start-up check).
    /// </summary>
    /// <remarks>
    /// Per provider (docs/adr/0033): each has its own migrations and snapshot. The comparison never opens the
    /// connection, so a placeholder connection string gives the provider's model and no server is needed.
    /// </remarks>
    public static bool HasPendingChanges<TContext>(Func<DbContextOptions<TContext>, TContext> create, string provider = ModuleDatabase.SqliteProvider)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabase.Use(options, provider, provider == ModuleDatabase.PostgresProvider ? "Host=no-server.invalid" : "Data Source=:memory:");
        using var context = create(options.Options);
        return context.Database.HasPendingModelChanges();
    }

    /// <summary>The ids of the migrations a provider's set holds, oldest first.</summary>
    public static IReadOnlyList<string> Migrations<TContext>(Func<DbContextOptions<TContext>, TContext> create, string provider)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabase.Use(options, provider, provider == ModuleDatabase.PostgresProvider ? "Host=no-server.invalid" : "Data Source=:memory:");
        using var context = create(options.Options);
        return [.. context.Database.GetMigrations()];
    }

    /// <summary>
    /// The schema the module's migrations build on an empty SQLite file (after checking every migration applied),
    /// and the one <c>EnsureCreated()</c> builds from the model: tables, columns (type, nullability, primary key) and
    /// indexes (columns, uniqueness). Comparing them catches what the snapshot cannot: a migration whose Up was edited,
    /// or written by hand, differently.
    /// </summary>
    public static (Schema FromMigrations, Schema FromModel) Schemas<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        var directory = Directory.CreateTempSubdirectory("monolith-migrations-");
        try
        {
            var migratedConnection = Connection(Path.Combine(directory.FullName, "migrated.db"));
            var modelledConnection = Connection(Path.Combine(directory.FullName, "modelled.db"));

            using (var migrated = create(Options<TContext>(migratedConnection)))
            {
                migrated.Database.Migrate();
                migrated.Database.GetAppliedMigrations().Should().Equal(migrated.Database.GetMigrations());
            }

            using (var modelled = create(Options<TContext>(modelledConnection)))
            {
                modelled.Database.EnsureCreated().Should().BeTrue();
            }

            var fromModel = Schema.Read(modelledConnection);
            fromModel.Tables.Should().NotBeEmpty();
            fromModel.Columns.Should().NotBeEmpty();
            return (Schema.Read(migratedConnection), fromModel);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Unpooled, so no connection keeps the files open when the directory is deleted.
    private static string Connection(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static DbContextOptions<TContext> Options<TContext>(string connectionString)
        where TContext : DbContext
    {
        // The kit's options, so only the SQLite migrations run here, as in the Host.
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabase.Use(options, ModuleDatabase.SqliteProvider, connectionString)
            // A model without its migration is the other check's failure; here only the schema the migrations build counts.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options.Options;
    }

    internal sealed record Column(string Table, string Name, string Type, bool NotNull, long PrimaryKeyPosition);

    internal sealed record Index(string Table, string Name, bool Unique, string Columns);

    internal sealed record Schema(IReadOnlyList<string> Tables, IReadOnlyList<Column> Columns, IReadOnlyList<Index> Indexes)
    {
        public static Schema Read(string connectionString)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString)
            {
                Mode = SqliteOpenMode.ReadOnly,
            }.ToString());
            connection.Open();

            // EF's own tables (__EFMigrationsHistory, __EFMigrationsLock) exist only in the migrated file.
            var tables = Query(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'",
                r => r.GetString(0));
            var columns = tables.SelectMany(table => Query(connection,
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info($table)",
                r => new Column(table, r.GetString(0), r.GetString(1).ToUpperInvariant(), r.GetInt64(2) != 0, r.GetInt64(3)),
                ("$table", table))).ToList();
            var indexes = tables.SelectMany(table => Query(connection,
                "SELECT name, \"unique\" FROM pragma_index_list($table)",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0),
                ("$table", table))
                .Select(index => new Index(table, index.Name, index.Unique, string.Join(",", Query(connection,
                    "SELECT name FROM pragma_index_info($index) ORDER BY seqno",
                    r => r.IsDBNull(0) ? "<expression>" : r.GetString(0),
                    ("$index", index.Name)))))).ToList();
            return new Schema(tables, columns, indexes);
        }

        private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }
}
