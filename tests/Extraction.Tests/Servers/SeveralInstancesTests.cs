namespace Extraction.Tests.Servers;

/// <summary>
/// Two Tweets.Service instances, each with a data directory of its own (standing in for two machines), and the Host's
/// in-process copy serve Tweets together, all on the module's one PostgreSQL database with events on RabbitMQ. One
/// instance is killed: no request sent after the kill fails. Then the other: the in-process copy falls back, and
/// still nothing fails, because every copy uses the same module database. No keyed post is stored twice.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SeveralInstancesTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int MaxPerWorker = 400;
    private const int Enough = 40;

    [Fact]
    public async Task Two_instances_and_the_in_process_copy_serve_Tweets_together_and_losing_instances_fails_no_later_request()
    {
        var databases = await servers.NewDatabases();
        var shape = new DeploymentShape(new Dictionary<string, int> { ["Tweets"] = 2 }) { Settings = databases.Settings(), DataPerInstance = true };
        await using var deployment = new Deployment(shape);
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            // Two thirds to the instances, shared between them; a third in-process.
            await deployment.Route(("Tweets:CanaryPercent", "67"), ("Tweets:Fallback", "true"));
            var (first, second) = (deployment.Instances("Tweets")[0], deployment.Instances("Tweets")[1]);
            var users = Traffic.NewUsers(Workers, "m");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                clients[w] = await deployment.SignedIn(users[w]);
            }

            var posts = new KeyedPosts();
            var logs = (First: first.Log().Length, Second: second.Log().Length);
            var start = await deployment.Module("Tweets");
            var load = Load.Start(Workers, MaxPerWorker, (w, i) => Traffic.Tweets(clients[w], users[w], i, posts));
            load.Phase = "three copies";
            await Eventually.Until(
                async () =>
                {
                    var now = (await deployment.Module("Tweets")).Traffic;
                    return now.Remote.Requests >= start.Traffic.Remote.Requests + Enough && now.Local.Requests >= start.Traffic.Local.Requests + Enough;
                },
                "both the instances and the in-process copy serve Tweets",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));
            first.Log()[logs.First..].Should().Contain("/api/tweets", "the first instance serves its share");
            second.Log()[logs.Second..].Should().Contain("/api/tweets", "the second instance serves its share");

            first.Kill();
            load.Phase = "one killed";
            await load.Advance(Enough * 2);
            second.Kill();
            load.Phase = "both killed";
            var gone = await deployment.Module("Tweets");
            await Eventually.Until(
                async () => (await deployment.Module("Tweets")).Traffic.Fallback.Requests + (await deployment.Module("Tweets")).Traffic.Local.Requests
                    >= gone.Traffic.Fallback.Requests + gone.Traffic.Local.Requests + Enough,
                "the in-process copy serves everything once no instance is left",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));
            var outcomes = await load.Stop();
            output.WriteLine($"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}");

            var afterKill = outcomes.Where(o => o.PhaseAtStart != "three copies").ToList();
            afterKill.Should().HaveCountGreaterThanOrEqualTo(Enough * 2);
            afterKill.Where(o => !o.Served).Should().BeEmpty("no request sent after an instance was killed fails: {0}", afterKill.Where(o => !o.Served).Show());
            outcomes.Where(o => !o.Served).Should().BeEmpty("with fallback on, not even a request in flight at a killed instance fails: {0}", outcomes.Where(o => !o.Served).Show());

            var tweets = databases.Connections["Tweets"];
            var authors = users.Select((u, i) => ($"u{i.ToString(CultureInfo.InvariantCulture)}", (object)u)).ToArray();
            var among = string.Join(", ", authors.Select(a => "@" + a.Item1));
            var stored = await Postgres.Count(tweets, $"""SELECT COUNT(*) FROM "Tweets" WHERE "AuthorId" IN ({among}) AND "Text" LIKE '% says %'""", authors);
            var distinct = await Postgres.Count(tweets, $"""SELECT COUNT(DISTINCT "Text") FROM "Tweets" WHERE "AuthorId" IN ({among}) AND "Text" LIKE '% says %'""", authors);
            output.WriteLine($"Keyed posts: {posts.Keys.Count} keys, {posts.Repeats} sent again; tweets stored {stored}, distinct {distinct}");
            stored.Should().Be(posts.Keys.Distinct().Count(), "each key the clients used stored its tweet once");
            distinct.Should().Be(stored, "no request's tweet was stored twice");
        });
    }
}
