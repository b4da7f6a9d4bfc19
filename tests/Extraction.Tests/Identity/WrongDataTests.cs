using System.Text.RegularExpressions;

namespace Extraction.Tests.Identity;

/// <summary>
/// A service started on data that is not its module's never gets work: on an empty data directory it is ready by its
/// own lights, but its database id is not the Host's, so the front door shows it unhealthy with the reason and serves
/// the module in-process; on another module's database it does not start at all.
/// </summary>
public sealed partial class WrongDataTests(ITestOutputHelper output)
{
    private const int Workers = 4;
    private const int PerWorker = 24;

    [Fact]
    public async Task A_service_on_an_empty_data_directory_is_shown_unhealthy_with_the_reason_and_gets_none_of_the_modules_work()
    {
        await using var deployment = new Deployment("Tweets");
        var empty = Path.Combine(deployment.Root, "empty-data");
        deployment.OnOtherData("Tweets", ("Data:Directory", empty));
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            var users = Traffic.NewUsers(Workers, "w");
            var clients = new HttpClient[Workers];
            for (var w = 0; w < Workers; w++)
            {
                // Each sign-up raises UserRegistered, an event Tweets receives: it must not be delivered there either.
                clients[w] = await deployment.SignedIn(users[w]);
            }

            // Load from the moment the route is written, so the window before the first probe is covered too.
            deployment.RouteNow(("Tweets:Mode", "Remote"));
            var whileProbing = await Run(clients, users);

            await Eventually.Until(
                async () => (await deployment.Module("Tweets")) is { Mode: "Remote", Destinations: [{ Health: "Unhealthy", Reason: { } reason }] }
                    && reason.Contains("not the Host's", StringComparison.Ordinal),
                "the Host shows the Tweets instance unhealthy because its database is not the module's",
                async () => JsonSerializer.Serialize(await deployment.Module("Tweets")));
            var confirmedWrong = await Run(clients, users);

            var outcomes = whileProbing.Concat(confirmedWrong).ToList();
            outcomes.Should().HaveCount(2 * Workers * PerWorker);
            outcomes.Where(o => !o.Served).Should().BeEmpty("the in-process copy serves every request: {0}", outcomes.Where(o => !o.Served).Show());
            var tweets = await deployment.Module("Tweets");
            output.WriteLine(JsonSerializer.Serialize(tweets));
            tweets.Traffic.Remote.Requests.Should().Be(0, "no request was answered by the instance on other data");
            tweets.Traffic.Fallback.Requests.Should().BeGreaterThanOrEqualTo(confirmedWrong.Count, "every request meant for the instance was served in-process");
            tweets.Destinations.Single().Reason.Should().Contain("empty or copied data directory");

            var service = deployment.Service("Tweets").Log();
            ModuleWork().Matches(service).Select(m => m.Value).Should().BeEmpty("the service received no routed request, contract call or event");
            var host = deployment.Host.Log();
            Regex.Matches(host, "of Tweets gets no work: its Tweets database is").Should().ContainSingle("the reason is logged once, not at every probe");
        });
    }

    [Fact]
    public async Task A_service_pointed_at_another_modules_database_refuses_to_start_and_leaves_it_untouched()
    {
        await using var deployment = new Deployment("Tweets");
        deployment.OnOtherData("Tweets", ("Modules:Tweets:Database:ConnectionString", $"Data Source={deployment.DatabaseFile("Users")}"));
        await deployment.Run(output, async () =>
        {
            var starting = () => deployment.Start();

            (await starting.Should().ThrowAsync<InvalidOperationException>())
                .WithMessage("*exited*belongs to the Users module*not to Tweets*");
            Sqlite.Count(deployment.DatabaseFile("Users"), """SELECT COUNT(*) FROM sqlite_master WHERE name = 'Tweets'""")
                .Should().Be(0, "the Tweets schema was never migrated into the Users database");
            Sqlite.Rows(deployment.DatabaseFile("Users"), """SELECT "Module" FROM "__ModuleIdentity" """, r => r.GetString(0))
                .Should().Equal("Users");
        });
    }

    // Every worker sends all its requests: a bounded load, whatever the routing does meanwhile.
    private static async Task<IReadOnlyList<Outcome>> Run(HttpClient[] clients, string[] users)
    {
        var load = Load.Start(Workers, PerWorker, (w, i) => Traffic.Tweets(clients[w], users[w], i));
        await load.Finished;
        return load.Outcomes;
    }

    // A request line of the service's own log for anything but its health: a public route, a contract or an event.
    [GeneratedRegex(@"HTTP \w+ /(api|internal|log)\S*")]
    private static partial Regex ModuleWork();
}
