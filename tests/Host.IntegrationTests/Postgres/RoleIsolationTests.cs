using Npgsql;

namespace Host.IntegrationTests.Postgres;

/// <summary>
/// On PostgreSQL each module has a database and a login role of its own (docs/adr/0034): the Host runs each module as
/// its role, and one module's role reaches only its own module's tables.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RoleIsolationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_Users_role_is_refused_on_Tweets_and_allowed_on_its_own()
    {
        var modules = await postgres.Provision("iso_", "Users", "Tweets");
        await using (var host = PostgresFixture.HostOn(modules))
        {
            // The Host migrates both databases as their roles and a sign-up reaches Users, then Tweets by its event.
            var (id, _, _) = await host.SignedInUser();
            await postgres.EventsDelivered(modules["Users"]);
            (await host.CreateApiClient().GetStats(id)).GetProperty("userId").GetString().Should().Be(id);
        }

        var users = modules["Users"];
        var tweetsAsUsers = new NpgsqlConnectionStringBuilder(users.ConnectionString) { Database = modules["Tweets"].Database };

        await using (var own = new NpgsqlConnection(users.ConnectionString))
        {
            await own.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM \"Users\"", own);
            ((long)(await count.ExecuteScalarAsync())!).Should().BeGreaterThan(0, "a module's role reads its own tables");
        }

        var connect = async () =>
        {
            await using var other = new NpgsqlConnection(tweetsAsUsers.ConnectionString);
            await other.OpenAsync();
        };
        (await connect.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(
            PostgresErrorCodes.InsufficientPrivilege, "CONNECT on the Tweets database is revoked from PUBLIC");

        // Even where someone grants CONNECT by mistake, the tables belong to the Tweets role alone.
        await postgres.Server.ExecuteAsync($"GRANT CONNECT ON DATABASE \"{modules["Tweets"].Database}\" TO \"{users.Role}\"");
        await using var granted = new NpgsqlConnection(tweetsAsUsers.ConnectionString);
        await granted.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT COUNT(*) FROM \"Tweets\"", granted);
        var reading = async () => await read.ExecuteScalarAsync();
        var refused = (await reading.Should().ThrowAsync<PostgresException>()).Which;
        refused.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        refused.MessageText.Should().Contain("permission denied for table Tweets");
    }

    [Fact]
    public async Task Provisioning_again_changes_nothing_and_shows_no_password()
    {
        var first = await postgres.Provision("again_", "Logging");
        var second = await postgres.Provision("again_", "Logging");

        first["Logging"].RoleCreated.Should().BeTrue();
        second["Logging"].RoleCreated.Should().BeFalse();
        new NpgsqlConnectionStringBuilder(second["Logging"].ConnectionString).Password.Should().BeNull();
        await using var connection = new NpgsqlConnection(first["Logging"].ConnectionString);
        await connection.OpenAsync();
    }
}
