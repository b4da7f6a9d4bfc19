using Extraction.Tests.SameAnswers;

namespace Extraction.Tests.Servers;

/// <summary>
/// Moving the data to PostgreSQL and the events to RabbitMQ changes no answer: the client script gets, step by step,
/// what it gets from the one-command Host (embedded SQLite, events pushed over HTTP), with every module served by its
/// extracted service (fallback off, so nothing is quietly served in-process).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SameAnswersOnServersTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task The_client_script_gets_the_same_answers_with_every_module_on_PostgreSQL_and_events_on_RabbitMQ()
    {
        IReadOnlyList<Answer> embedded = [];
        await using (var monolith = new Deployment())
        {
            await monolith.Run(output, async () =>
            {
                await monolith.Start();
                await OlderTweet(monolith);
                embedded = await new ClientScript(monolith, 1).Run();
            });
        }

        var databases = await servers.NewDatabases();
        await using var onServers = new Deployment(databases.Shape(Deployment.AllModules));
        await onServers.Run(output, async () =>
        {
            await onServers.Start();
            await onServers.Route([.. Deployment.AllModules.SelectMany(m => new[] { ($"{m}:Mode", "Remote"), ($"{m}:Fallback", "false") })]);
            await OlderTweet(onServers);
            var before = await onServers.Modules();
            var answers = await new ClientScript(onServers, 1).Run();
            var after = await onServers.Modules();

            answers.Select(a => a.Step).Should().Equal(embedded.Select(a => a.Step));
            for (var i = 0; i < embedded.Count; i++)
            {
                answers[i].Should().Be(embedded[i], "step {0} answers as the one-command Host does (all its answers:\n{1})",
                    embedded[i].Step, string.Join('\n', embedded));
            }

            foreach (var module in Deployment.AllModules)
            {
                after.Single(m => m.Name == module).Traffic.Remote.Requests.Should().BeGreaterThan(
                    before.Single(m => m.Name == module).Traffic.Remote.Requests, "the {0} module's work went to its extracted service", module);
            }

            (await Postgres.Count(databases.Connections["Tweets"], """SELECT COUNT(*) FROM "Tweets" """)).Should().BeGreaterThan(0,
                "the tweets are in the Tweets module's PostgreSQL database");
        });
    }

    // As in SameAnswersTests: the first page of the global timeline then has a next page.
    private static async Task OlderTweet(Deployment deployment)
    {
        using var response = await deployment.Admin.PostAsJsonAsync("/api/tweets", new { text = "an older tweet" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
