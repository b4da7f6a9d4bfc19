using System.Reflection;
using Host.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Composition;

namespace Host.IntegrationTests;

/// <summary>
/// Migrations are written by hand (no design-time tooling, so no model snapshot). For every DbContext of every
/// composed module, the schema its migrations built at start-up must match the one its model describes.
/// </summary>
public sealed class SchemaTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>Every non-abstract DbContext in the assemblies of the modules the Host composes, found at run time.</summary>
    public static TheoryData<string> ModuleDbContexts()
    {
        using var discovery = new HostFactory();
        var data = new TheoryData<string>();
        foreach (var type in DbContextTypes(discovery.Services.GetRequiredService<ModuleCatalog>()))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void At_least_one_module_database_is_discovered()
    {
        var contexts = DbContextTypes(host.Services.GetRequiredService<ModuleCatalog>());

        contexts.Select(t => t.Name).Should().Contain("UsersDbContext");
    }

    [Theory]
    [MemberData(nameof(ModuleDbContexts))]
    public void The_migrated_schema_matches_the_model(string dbContext)
    {
        var type = DbContextTypes(host.Services.GetRequiredService<ModuleCatalog>()).Single(t => t.FullName == dbContext);
        using var scope = host.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(type);
        context.Database.GetPendingMigrations().Should().BeEmpty("the Host applies every migration at start-up");
        context.Database.GetAppliedMigrations().Should().NotBeEmpty();
        var migrated = Schema.Read(context.Database.GetConnectionString()!);

        var freshPath = Path.Combine(host.DataPath, $"model-{type.Name}-{Guid.NewGuid():N}.db");
        var freshConnection = new SqliteConnectionStringBuilder { DataSource = freshPath, Pooling = false }.ToString();
        using (var fresh = CreateContext(type, freshConnection))
        {
            fresh.Database.EnsureCreated().Should().BeTrue();
        }

        var modelled = Schema.Read(freshConnection);

        modelled.Tables.Should().NotBeEmpty();
        modelled.Columns.Should().NotBeEmpty();
        migrated.Tables.Should().BeEquivalentTo(modelled.Tables, "{0}'s migrations must create the tables its model maps", type.Name);
        migrated.Columns.Should().BeEquivalentTo(modelled.Columns, "{0}'s migrations must create the columns its model maps", type.Name);
        migrated.Indexes.Should().BeEquivalentTo(modelled.Indexes, "{0}'s migrations must create the indexes its model maps", type.Name);
    }

    [Fact]
    public void The_users_database_is_a_WAL_mode_SQLite_file_in_the_data_directory()
    {
        var usersDbContext = DbContextTypes(host.Services.GetRequiredService<ModuleCatalog>()).Single(t => t.Name == "UsersDbContext");
        using var scope = host.Services.CreateScope();
        var database = ((DbContext)scope.ServiceProvider.GetRequiredService(usersDbContext)).Database;

        var path = new SqliteConnectionStringBuilder(database.GetConnectionString()).DataSource;
        Path.GetFullPath(path).Should().Be(Path.Combine(host.DataPath, "users.db"));
        File.Exists(path).Should().BeTrue();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        ((string)command.ExecuteScalar()!).Should().Be("wal");
    }

    [Fact]
    public async Task Every_module_connection_lets_SQLite_wait_for_a_busy_writer()
    {
        // Without busy_timeout the provider sleeps 150 ms per SQLITE_BUSY, which was the p99 of a write under load.
        var contexts = DbContextTypes(host.Services.GetRequiredService<ModuleCatalog>());
        contexts.Should().HaveCount(3);
        foreach (var type in contexts)
        {
            for (var use = 0; use < 2; use++)
            {
                // Twice: the second use gets a pooled context and a pooled native connection, which must keep it.
                await using var scope = host.Services.CreateAsyncScope();
                var database = ((DbContext)scope.ServiceProvider.GetRequiredService(type)).Database;
                await database.OpenConnectionAsync();
                try
                {
                    await using var command = database.GetDbConnection().CreateCommand();
                    command.CommandText = "PRAGMA busy_timeout;";
                    Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)
                        .Should().Be(5000, "{0}'s connections must wait for a writer in SQLite, not in the provider's 150 ms sleeps", type.Name);
                }
                finally
                {
                    await database.CloseConnectionAsync();
                }
            }
        }
    }

    private static IReadOnlyList<Type> DbContextTypes(ModuleCatalog catalog) =>
        [.. catalog.Modules
            .Select(m => m.GetType().Assembly)
            .Distinct()
            .SelectMany(LoadableTypes)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(DbContext).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static DbContext CreateContext(Type type, string connectionString)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
        builder.UseSqlite(connectionString);
        return (DbContext)Activator.CreateInstance(type, builder.Options)!;
    }

    private sealed record Column(string Table, string Name, string Type, bool NotNull, long PrimaryKeyPosition);

    private sealed record Index(string Table, string Name, bool Unique, string Columns);

    private sealed record Schema(IReadOnlyList<string> Tables, IReadOnlyList<Column> Columns, IReadOnlyList<Index> Indexes)
    {
        public static Schema Read(string connectionString)
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString)
            {
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();

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
