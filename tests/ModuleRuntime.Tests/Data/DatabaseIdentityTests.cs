using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModuleRuntime.Data;

namespace ModuleRuntime.Tests.Data;

public sealed class DatabaseIdentityTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "monolith-identity-tests", Guid.NewGuid().ToString("N")[..12]);

    public DatabaseIdentityTests() => Directory.CreateDirectory(directory);

    private string File => Path.Combine(directory, "module.db");

    [Fact]
    public async Task The_first_migration_records_the_module_and_a_new_database_id()
    {
        var identity = await Claim("Tweets");

        identity.Module.Should().Be("Tweets");
        Guid.TryParse(identity.DatabaseId, out _).Should().BeTrue();
        Rows().Should().Equal(("Tweets", identity.DatabaseId));
    }

    [Fact]
    public async Task A_second_start_keeps_the_database_id()
    {
        var first = await Claim("Tweets");

        var second = await Claim("Tweets");

        second.Should().Be(first);
        Rows().Should().ContainSingle();
    }

    [Fact]
    public async Task Another_modules_database_is_refused_and_left_as_it_was()
    {
        var users = await Claim("Users");

        var claiming = () => Claim("Tweets");

        (await claiming.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*belongs to the Users module (database id {users.DatabaseId}), not to Tweets*Modules:Tweets:Database:ConnectionString*");
        Rows().Should().Equal(("Users", users.DatabaseId));
    }

    [Fact]
    public async Task A_database_without_an_identity_that_holds_another_modules_migrations_is_refused()
    {
        Execute("""
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsHistory" VALUES ('20250101000000_UsersInitial', '10.0.0');
            """);

        var claiming = () => Claim("Tweets");

        (await claiming.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*20250101000000_UsersInitial*another module's data*");
        Rows().Should().BeEmpty();
    }

    [Fact]
    public async Task Processes_that_first_start_on_the_same_new_database_at_once_agree_on_one_id()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Claim("Tweets"))));

        claims.Select(c => c.DatabaseId).Distinct().Should().ContainSingle();
        Rows().Should().ContainSingle();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    // A context of its own per claim, on a connection of its own, as separate processes would have.
    private async Task<DatabaseIdentity> Claim(string module)
    {
        await using var context = new EmptyContext(new DbContextOptionsBuilder<EmptyContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false, DefaultTimeout = 30 }.ToString())
            .Options);
        return await DatabaseIdentity.ClaimAsync(context.Database, module, TimeProvider.System, CancellationToken.None);
    }

    private List<(string Module, string DatabaseId)> Rows()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Module", "DatabaseId" FROM "__ModuleIdentity" """;
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<(string, string)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);
}
