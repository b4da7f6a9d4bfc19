namespace Extraction.Tests.Servers;

/// <summary>
/// Every module extracted, data on PostgreSQL, events on RabbitMQ. While clients sign up and look up accounts, the
/// broker is stopped and started again. Afterwards every account's UserRegistered event has been handled by Tweets
/// exactly once (one inbox row per event, one member per account, none dead-lettered), and every request the Host
/// served has exactly one request-log record: shipping goes by contract call, and its spool does not care about the broker.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BrokerRestartTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int Workers = 6;
    private const int MaxPerWorker = 200;
    private const int Enough = 60;

    [Fact]
    public async Task Restarting_the_broker_mid_run_loses_no_event_handles_none_twice_and_loses_or_doubles_no_request_record()
    {
        var databases = await servers.NewDatabases();
        await using var deployment = new Deployment(databases.Shape(Deployment.AllModules));
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route([.. Deployment.AllModules.SelectMany(m => new[] { ($"{m}:Mode", "Remote"), ($"{m}:Fallback", "true") })]);
            var client = deployment.Client();
            var prefix = "b" + Guid.NewGuid().ToString("N")[..6];
            // Even requests create an account (an event for Tweets), odd ones ask for an unknown one (a 404 with a path of its own).
            var load = Load.Start(Workers, MaxPerWorker, (w, i) =>
            {
                var n = ((w * MaxPerWorker) + i).ToString(CultureInfo.InvariantCulture);
                return i % 2 == 0
                    ? new LoadStep($"POST /api/users {prefix}_{n}", client, c => c.PostAsJsonAsync("/api/users", new { id = $"{prefix}_{n}", password = Deployment.Password, displayName = "B" }), 201)
                    : new LoadStep($"/api/users/{prefix}x{n}", client, c => c.GetAsync(new Uri($"/api/users/{prefix}x{n}", UriKind.Relative)), 404);
            });
            load.Phase = "broker up";
            await load.Advance(Enough);
            load.Phase = "broker restarting";
            await servers.Broker.RestartAsync();
            load.Phase = "broker back";
            await load.Advance(Enough);
            var outcomes = await load.Stop();
            output.WriteLine($"{outcomes.Count} requests; per phase: {string.Join(", ", outcomes.GroupBy(o => o.PhaseAtStart).Select(g => $"{g.Key} {g.Count()}"))}");
            outcomes.Where(o => !o.Served).Should().BeEmpty("the broker's restart fails no request: {0}", outcomes.Where(o => !o.Served).Show());
            var accounts = outcomes.Count(o => o.Label.StartsWith("POST", StringComparison.Ordinal));

            var (users, tweets, logging) = (databases.Connections["Users"], databases.Connections["Tweets"], databases.Connections["Logging"]);
            var like = ("p", (object)(prefix + "\\_%"));
            await Eventually.Until(
                async () => await Postgres.Count(tweets, """SELECT COUNT(*) FROM "Members" WHERE "Id" LIKE @p""", like) == accounts,
                $"Tweets learns of all {accounts} new accounts",
                async () => $"{await Postgres.Count(tweets, """SELECT COUNT(*) FROM "Members" WHERE "Id" LIKE @p""", like)} known; "
                    + $"{await Postgres.Count(users, """SELECT COUNT(*) FROM "OutboxMessages" """)} events still in Users' outbox");

            var registered = await Postgres.Count(users, """SELECT COUNT(*) FROM "Users" """);
            var handled = await Postgres.Count(tweets, """SELECT COUNT(*) FROM "InboxMessages" WHERE "Type" LIKE '%UserRegistered'""");
            await Eventually.Until(
                async () => await Postgres.Count(users, """SELECT COUNT(*) FROM "OutboxMessages" """) == 0,
                "Users' outbox empties");
            handled.Should().Be(registered, "each account's event was handled once by Tweets, none lost, none twice");
            (await deployment.Module("Tweets")).DeadLetters.Should().Be(0, "no event ended in the dead-letter queue");

            var probes = outcomes.Where(o => !o.Label.StartsWith("POST", StringComparison.Ordinal)).Select(o => o.Label).ToList();
            var pathLike = ("p", (object)$"/api/users/{prefix}x%");
            await Eventually.Until(
                async () => await Postgres.Count(logging, """SELECT COUNT(*) FROM "LogRecords" WHERE "Source" = 'host' AND "Path" LIKE @p""", pathLike) >= probes.Count,
                "every probe's request record is stored",
                async () => $"{await Postgres.Count(logging, """SELECT COUNT(*) FROM "LogRecords" WHERE "Source" = 'host' AND "Path" LIKE @p""", pathLike)} of {probes.Count}");
            var perPath = await Postgres.Rows(logging, """SELECT "Path", COUNT(*) FROM "LogRecords" WHERE "Source" = 'host' AND "Path" LIKE @p GROUP BY "Path" """,
                r => (Path: r.GetString(0), Count: r.GetInt64(1)), pathLike);
            perPath.Where(p => p.Count != 1).Should().BeEmpty("each request is recorded exactly once");
            perPath.Select(p => p.Path).Should().BeEquivalentTo(probes, "each request has its record, none is missing");
        });
    }
}
