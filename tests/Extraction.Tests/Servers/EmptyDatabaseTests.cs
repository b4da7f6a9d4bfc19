namespace Extraction.Tests.Servers;

/// <summary>
/// A Tweets.Service pointed at a PostgreSQL database that is not the module's (a new, empty one: a typo in a connection
/// string) starts, migrates it and reports that database's id. The front door sees that the id is not the Tweets
/// module's, shows the instance unhealthy, and sends it nothing: every request is served by the in-process copy, and
/// the service's own log shows none of the module's routes.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class EmptyDatabaseTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int Requests = 40;

    [Fact]
    public async Task A_service_on_an_empty_database_never_gets_traffic()
    {
        var databases = await servers.NewDatabases();
        var empty = await servers.EmptyDatabase("Tweets");
        var shape = databases.Shape("Tweets") with
        {
            ServiceSettings = new Dictionary<string, string> { ["Modules:Tweets:Database:ConnectionString"] = empty },
        };
        await using var deployment = new Deployment(shape);
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.RouteWithoutHealth(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "true"));
            var users = Traffic.NewUsers(Workers, "e");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            var serviceLog = deployment.Service("Tweets").Log().Length;
            var load = Load.Start(Workers, Requests / Workers, (w, i) => Traffic.Tweets(clients[w], users[w], i));
            await load.Finished;

            load.Outcomes.Where(o => !o.Served).Should().BeEmpty("the in-process copy serves everything: {0}", load.Outcomes.Where(o => !o.Served).Show());
            deployment.Service("Tweets").Log()[serviceLog..].Should().NotContain("/api/tweets", "the service on the wrong database got none of the module's requests");
            var module = await deployment.Module("Tweets");
            module.Destinations.Should().ContainSingle().Which.Health.Should().NotBe("Healthy");
            (await Postgres.Count(databases.Connections["Tweets"], """SELECT COUNT(*) FROM "Tweets" WHERE "Text" LIKE '% says %'""")).Should().BeGreaterThan(0,
                "the posts went to the module's own database");
            (await Postgres.Count(empty, """SELECT COUNT(*) FROM "Tweets" """)).Should().Be(0, "nothing was written to the wrong database");
        });
    }
}
