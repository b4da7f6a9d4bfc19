namespace Extraction.Tests.Servers;

/// <summary>
/// Tweets extracted, every module's data on PostgreSQL. While clients post (keyed, as the web UI does), the database
/// server is stopped and started again. Posts during the outage may fail, but every post a client saw acknowledged
/// (201) is stored, none twice, and afterwards the service serves again without being restarted.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DatabaseRestartTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int Workers = 6;
    private const int MaxPerWorker = 300;
    private const int Enough = 60;

    [Fact]
    public async Task Restarting_PostgreSQL_mid_run_loses_no_acknowledged_write_and_the_service_recovers_by_itself()
    {
        var databases = await servers.NewDatabases();
        await using var deployment = new Deployment(databases.Shape("Tweets"));
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "true"));
            var users = Traffic.NewUsers(Workers, "r");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            var posts = new KeyedPosts();
            var load = Load.Start(Workers, MaxPerWorker, (w, i) => new LoadStep(
                $"POST {users[w]} {i.ToString(CultureInfo.InvariantCulture)}", clients[w],
                c => posts.Post(c, "/api/tweets", new { text = $"{users[w]} posts {i.ToString(CultureInfo.InvariantCulture)}" }), 201));
            load.Phase = "database up";
            await load.Advance(Enough);
            load.Phase = "database restarting";
            await servers.Postgres.RestartAsync();
            load.Phase = "database back";
            await Eventually.Until(
                () => load.Outcomes.Count(o => o.PhaseAtStart == "database back" && o.Served) >= Enough,
                "posts are acknowledged again after the restart, with no process restarted",
                () => $"{load.Completed} requests done; last: {load.Outcomes.LastOrDefault()}");
            var outcomes = await load.Stop();
            output.WriteLine($"{outcomes.Count} posts; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()} ({g.Count(o => o.Served)} acknowledged)"))}");
            output.WriteLine($"Not acknowledged: {outcomes.Where(o => !o.Served).Show()}");

            var acknowledged = outcomes.Where(o => o.Served).Select(o => o.Label["POST ".Length..].Replace(" ", " posts ", StringComparison.Ordinal)).ToList();
            var tweets = databases.Connections["Tweets"];
            var stored = await Postgres.Rows(tweets, """SELECT "Text" FROM "Tweets" WHERE "Text" LIKE '% posts %'""", r => r.GetString(0));
            stored.Should().Contain(acknowledged, "every post a client saw acknowledged is stored");
            stored.Should().OnlyHaveUniqueItems("no post is stored twice");
            outcomes.Where(o => !o.Served && o.Status is >= 200 and < 300).Should().BeEmpty();

            var again = Load.Start(Workers, 5, (w, i) => Traffic.Tweets(clients[w], users[w], MaxPerWorker + i));
            await again.Finished;
            again.Outcomes.Where(o => !o.Served).Should().BeEmpty("the service serves again without a restart: {0}", again.Outcomes.Where(o => !o.Served).Show());
            deployment.Service("Tweets").Running.Should().BeTrue("the service was never restarted");
        });
    }
}
