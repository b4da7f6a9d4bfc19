using System.Security.Cryptography;
using Host.IntegrationTests.Idempotency;
using Microsoft.Data.Sqlite;
using ModuleRuntime.Data;

namespace Host.IntegrationTests.Postgres;

/// <summary>
/// <c>copy-module-data</c>: a module's data moves from its SQLite file into its PostgreSQL database, verified table by
/// table, the file left as it was (the rollback), and a Host started on PostgreSQL serves the same data.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CopyModuleDataTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Users_and_Tweets_move_to_PostgreSQL_and_the_Host_serves_them_from_there()
    {
        var modules = await postgres.Provision("move_", "Users", "Tweets");
        await using var onSqlite = new HostFactory();
        var (author, token, client) = await onSqlite.SignedInUser();
        var reader = await onSqlite.CreateApiClient().SignUpNew();
        for (var i = 0; i < 5; i++)
        {
            using var posted = await client.PostAsJsonAsync(TweetsApi.Tweets, new { text = $"moved {i} ✓" });
            posted.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await onSqlite.EventsDelivered();
        var files = SqliteFiles(onSqlite.DataPath, "users.db", "tweets.db");

        foreach (var module in new[] { "Users", "Tweets" })
        {
            var output = new StringWriter();
            var exit = await DataCommand.Parse([DataCommand.Copy, "--module", module, "--to", modules[module].ConnectionString])!
                .RunAsync(onSqlite.Services, output, CancellationToken.None);

            exit.Should().Be(0, output.ToString());
            output.ToString().Should().Contain("Verified and committed");
        }

        SqliteFiles(onSqlite.DataPath, "users.db", "tweets.db").Should().Equal(files, "the copy only reads the SQLite files: switching back is the rollback");
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"Tweets\"")).Should().Be(5);

        await using var onPostgres = PostgresFixture.HostOn(modules, new HostFactory().With("Data:Directory", onSqlite.DataPath));
        var moved = onPostgres.CreateApiClient(await onPostgres.CreateApiClient().TokenFor(author));
        (await moved.TweetCount(author)).Should().Be(5);
        using (var another = await moved.PostAsJsonAsync(TweetsApi.Tweets, new { text = "after the move" }))
        {
            another.StatusCode.Should().Be(HttpStatusCode.Created, "the identity sequence continues past the copied ids");
        }

        (await onPostgres.CreateApiClient().GetStats(reader)).GetProperty("userId").GetString().Should().Be(reader);
    }

    [Fact]
    public async Task A_target_that_holds_data_is_refused_unless_told_to_replace_it()
    {
        var modules = await postgres.Provision("refuse_", "Tweets");
        await using var onSqlite = new HostFactory();
        var (_, _, client) = await onSqlite.SignedInUser();
        using (var posted = await client.PostAsJsonAsync(TweetsApi.Tweets, new { text = "once" }))
        {
            posted.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await onSqlite.EventsDelivered();
        string[] copy = [DataCommand.Copy, "--module", "Tweets", "--to", modules["Tweets"].ConnectionString];
        (await DataCommand.Parse(copy)!.RunAsync(onSqlite.Services, new StringWriter(), CancellationToken.None)).Should().Be(0);

        var output = new StringWriter();
        var again = await DataCommand.Parse(copy)!.RunAsync(onSqlite.Services, output, CancellationToken.None);

        again.Should().Be(2);
        output.ToString().Should().Contain("refused").And.Contain("Tweets");
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"Tweets\"")).Should().Be(1);

        var replaced = await DataCommand.Parse([.. copy, "--replace"])!.RunAsync(onSqlite.Services, new StringWriter(), CancellationToken.None);
        replaced.Should().Be(0);
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"Tweets\"")).Should().Be(1);
    }

    [Fact]
    public async Task A_copy_that_does_not_verify_commits_nothing()
    {
        var modules = await postgres.Provision("mismatch_", "Users");
        await using var onSqlite = new HostFactory();
        await onSqlite.CreateApiClient().SignUpNew();
        await onSqlite.EventsDelivered();
        // A trigger that changes every name on its way in: the rows arrive, but not as they left.
        await postgres.Server.ExecuteAsync(
            """
            CREATE FUNCTION mangle() RETURNS trigger AS $$ BEGIN NEW."DisplayName" := NEW."DisplayName" || '!'; RETURN NEW; END $$ LANGUAGE plpgsql;
            """, modules["Users"].Database);
        var migrate = await DataCommand.Parse([DataCommand.Copy, "--module", "Users", "--to", modules["Users"].ConnectionString])!
            .RunAsync(onSqlite.Services, new StringWriter(), CancellationToken.None);
        migrate.Should().Be(0);
        await postgres.Server.ExecuteAsync("""CREATE TRIGGER mangle BEFORE INSERT ON "Users" FOR EACH ROW EXECUTE FUNCTION mangle()""", modules["Users"].Database);

        var output = new StringWriter();
        var exit = await DataCommand.Parse([DataCommand.Copy, "--module", "Users", "--to", modules["Users"].ConnectionString, "--replace"])!
            .RunAsync(onSqlite.Services, output, CancellationToken.None);

        exit.Should().Be(1, output.ToString());
        output.ToString().Should().Contain("Verification FAILED").And.Contain("<>");
        (await postgres.Scalar(modules["Users"], "SELECT COUNT(*) FROM \"Users\" WHERE \"DisplayName\" LIKE '%!'")).Should().Be(0,
            "the mangled rows were rolled back with the rest of the copy");
    }

    /// <summary>
    /// The copied modules' files, byte for byte, with everything committed in them: each write-ahead log is folded in
    /// first, so a checkpoint SQLite runs later by itself (when the Host's last pooled connection closes) cannot
    /// change the bytes. Logging's file is left out: the running Host keeps storing its own request records there.
    /// </summary>
    private static List<string> SqliteFiles(string directory, params string[] names) =>
        [.. names.Order(StringComparer.Ordinal).Select(name =>
        {
            var file = Path.Combine(directory, name);
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
            {
                connection.Open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }

            return $"{name} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}";
        })];
}
