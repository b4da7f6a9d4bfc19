namespace Extraction.Tests.Servers;

/// <summary>
/// The PostgreSQL form of <see cref="Identity.WrongDataTests"/>: a Tweets.Service whose connection string names a new,
/// empty database (a typo in a connection string) starts, migrates it and reports that database's id. The front door
/// sees that the id is not the Tweets module's, shows the instance unhealthy with the reason, and sends it nothing:
/// every request is served in-process, on the module's own database, and nothing is written to the empty one.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class EmptyDatabaseTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int PerWorker = 12;

    [Fact]
    public async Task A_service_on_an_empty_PostgreSQL_database_is_shown_unhealthy_and_never_gets_traffic()
    {
        var databases = await servers.NewDatabases();
        var empty = await servers.EmptyDatabase("Tweets");
        await using var deployment = new Deployment(databases.Shape("Tweets"));
        deployment.OnOtherData("Tweets", ("Modules:Tweets:Database:ConnectionString", empty));
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            var users = Traffic.NewUsers(Workers, "e");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            // Load from the moment the route is written, so the window before the first probe is covered too.
            deployment.RouteNow(("Tweets:Mode", "Remote"));
            var serviceLog = deployment.Service("Tweets").Log().Length;
            var load = Load.Start(Workers, PerWorker, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            await load.Finished;
            await Eventually.Until(
                async () => (await deployment.Module("Tweets")) is { Mode: "Remote", Destinations: [{ Health: "Unhealthy", Reason: { } reason }] }
                    && reason.Contains("not the Host's", StringComparison.Ordinal),
                "the Host shows the Tweets instance unhealthy because its database is not the module's",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));

            load.Outcomes.Where(o => !o.Served).Should().BeEmpty("the in-process copy serves everything: {0}", load.Outcomes.Where(o => !o.Served).Show());
            (await deployment.Module("Tweets")).Traffic.Remote.Requests.Should().Be(0, "no request was answered by the instance on the wrong database");
            deployment.Service("Tweets").Log()[serviceLog..].Should().NotContain("/api/tweets", "the service got none of the module's requests");
            (await Postgres.Count(databases.Connections["Tweets"], """SELECT COUNT(*) FROM "Tweets" WHERE "Text" LIKE '% says %'""")).Should().BeGreaterThan(0,
                "the posts went to the module's own database");
            (await Postgres.Count(empty, """SELECT COUNT(*) FROM "Tweets" """)).Should().Be(0, "nothing was written to the wrong database");
        });
    }
}
