namespace Extraction.Tests.Events;

/// <summary>
/// <c>UserRegistered</c> goes from the Users module (in the Host) to the Tweets module (in its extracted service,
/// fallback off, so only the service can take it). Accounts are created while the Tweets service is down; then
/// either the Tweets service comes back, or the Host dies too and both come back. Either way every account ends up
/// in Tweets' members exactly once and Tweets' inbox holds exactly one row per event: nothing lost, nothing
/// handled twice.
/// </summary>
public sealed class UserRegisteredDeliveryTests(ITestOutputHelper output)
{
    private const int Accounts = 10;
    private const string EventType = "Users.Contracts.UserRegistered";

    [Fact]
    public async Task Accounts_created_while_the_Tweets_service_is_down_reach_it_once_when_it_is_back() =>
        await Scenario(restartHost: false);

    [Fact]
    public async Task Accounts_created_before_the_Host_dies_with_their_events_undelivered_reach_Tweets_once_after_it_restarts() =>
        await Scenario(restartHost: true);

    private async Task Scenario(bool restartHost)
    {
        await using var deployment = new Deployment("Tweets");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            var client = deployment.Client();
            await client.SignUp("e" + Guid.NewGuid().ToString("N")[..8]);
            await Eventually.Until(() => Waiting(deployment) == 0, "the events of accounts created while Tweets is up are delivered");

            deployment.Service("Tweets").Kill();
            var logSoFar = deployment.Host.Log().Length;
            var tag = Guid.NewGuid().ToString("N")[..8];
            var ids = Enumerable.Range(0, Accounts).Select(i => $"n{tag}_{i.ToString(CultureInfo.InvariantCulture)}").ToList();
            foreach (var id in ids)
            {
                await client.SignUp(id);
            }

            await Eventually.Until(
                () => deployment.Host.Log()[logSoFar..].Contains("Events of module Users could not be delivered", StringComparison.Ordinal),
                "the Host tries to deliver the new accounts' events and fails");
            Waiting(deployment).Should().BeGreaterThanOrEqualTo(Accounts, "the events wait in the Users outbox");
            Members(deployment, ids).Should().BeEmpty("only the Tweets service can record them, and it is down");

            if (restartHost)
            {
                deployment.Host.Kill();
                Waiting(deployment).Should().BeGreaterThanOrEqualTo(Accounts, "the events outlive the Host in its outbox");
                await deployment.Service("Tweets").Start();
                await deployment.Host.Start();
            }
            else
            {
                await deployment.Service("Tweets").Start();
            }

            await Eventually.Until(
                () => Waiting(deployment) == 0,
                "the waiting events are delivered",
                () => $"{Waiting(deployment)} events still in the Users outbox");

            var members = Members(deployment, ids);
            members.Should().BeEquivalentTo(ids.Select(id => (id, 1L)), "every new account is a member of Tweets exactly once");
            var accounts = Sqlite.Count(deployment.DatabaseFile("Users"), "SELECT COUNT(*) FROM Users");
            var handled = Sqlite.Count(deployment.DatabaseFile("Tweets"), "SELECT COUNT(*) FROM InboxMessages WHERE Type = $type", ("$type", EventType));
            handled.Should().Be(accounts, "Tweets handled one UserRegistered per account ever created, each once");
        });
    }

    private static long Waiting(Deployment deployment) =>
        Sqlite.Count(deployment.DatabaseFile("Users"), "SELECT COUNT(*) FROM OutboxMessages WHERE Type = $type", ("$type", EventType));

    private static List<(string Id, long Count)> Members(Deployment deployment, IReadOnlyList<string> ids)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return [.. Sqlite.Rows(deployment.DatabaseFile("Tweets"), "SELECT Id, COUNT(*) FROM Members GROUP BY Id", r => (Id: r.GetString(0), Count: r.GetInt64(1)))
            .Where(m => wanted.Contains(m.Id))];
    }
}
