using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Composition;

namespace Host.IntegrationTests.Hosting;

/// <summary>
/// Each module database as the Host configures it. Whether a module's model and migrations agree is checked in the
/// module's own tests (tests/Shared/ModelAndMigrations.cs, docs/adr/0025); here, that EF's start-up check of the same
/// thing is left on.
/// </summary>
public sealed class SchemaTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public void Every_module_context_keeps_EFs_start_up_check_for_model_changes_without_a_migration()
    {
        var contexts = DbContextTypes(host.Services.GetRequiredService<ModuleCatalog>());
        contexts.Select(t => t.Name).Should().Contain("UsersDbContext");
        foreach (var type in contexts)
        {
            using var scope = host.Services.CreateScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(type);
            var warnings = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.WarningsConfiguration;

            // Throw is EF's default for this event: Migrate() then refuses a model its snapshot does not describe.
            warnings.GetBehavior(RelationalEventId.PendingModelChangesWarning).Should().Be(WarningBehavior.Throw,
                "{0} must not silence EF's check that every model change has a migration", type.Name);
            context.Database.GetPendingMigrations().Should().BeEmpty("the Host applies every migration of {0} at start-up", type.Name);
        }
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
}
