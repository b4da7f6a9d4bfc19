using Host.IntegrationTests.FrontDoor;
using Host.IntegrationTests.Idempotency;
using Users.Contracts;

namespace Host.IntegrationTests.Postgres;

/// <summary>
/// Two Hosts running the same modules on the same PostgreSQL databases, as two instances of a module would: every
/// event is delivered once in effect, a twin delivery or a twin keyed request runs once, and a unique violation
/// inside a keyed request's transaction leaves that transaction usable.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Events_published_through_two_instances_reach_Tweets_once_each()
    {
        var modules = await postgres.Provision("pair_", "Users", "Tweets");
        await using var first = PostgresFixture.HostOn(modules);
        await using var second = PostgresFixture.HostOn(modules, new HostFactory().With("Data:Directory", first.DataPath));
        var published = first.Record<UserRegistered>();
        var publishedToo = second.Record<UserRegistered>();
        var clients = new[] { first.CreateApiClient(), second.CreateApiClient() };

        // Both dispatchers see work at once and compete for the lease; both inboxes could receive each event.
        var ids = Enumerable.Range(0, 16).Select(_ => Api.NewId("pair")).ToList();
        await Task.WhenAll(ids.Select((id, i) => clients[i % 2].SignUpNew(id)));
        await postgres.EventsDelivered(modules["Users"]);

        var events = published.All.Concat(publishedToo.All).Where(e => ids.Contains(e.UserId)).ToList();
        events.Should().HaveCount(ids.Count);
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"InboxMessages\"")).Should().Be(ids.Count,
            "each event is handled by Tweets once, whichever instance delivered it");
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"Members\"")).Should().Be(ids.Count);
    }

    [Fact]
    public async Task The_same_event_delivered_to_both_instances_at_once_is_handled_once()
    {
        var modules = await postgres.Provision("twin_", "Users", "Tweets");
        await using var first = PostgresFixture.HostOn(modules, new InternalEndpointsHost());
        await using var second = PostgresFixture.HostOn(modules, new InternalEndpointsHost().With("Data:Directory", first.DataPath));
        var services = new[] { ((InternalEndpointsHost)first).UsersDeliveringToTweets(), ((InternalEndpointsHost)second).UsersDeliveringToTweets() };
        var reader = first.CreateApiClient();

        for (var round = 0; round < 8; round++)
        {
            // One event id, two bodies: had both deliveries run the handler, both users would become known to Tweets.
            var eventId = Guid.NewGuid();
            var candidates = new[] { Api.NewId("twin_a"), Api.NewId("twin_b") };
            var answers = await Task.WhenAll(candidates.Select((id, i) =>
                services[i].PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(eventId, id))));

            answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.NoContent);
            var known = 0;
            foreach (var id in candidates)
            {
                using var stats = await reader.GetAsync(TweetsApi.Stats(id));
                known += stats.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }

            known.Should().Be(1, $"round {round}: one delivery of event {eventId} ran its handler, the other found it in the inbox");
        }
    }

    [Fact]
    public async Task A_keyed_request_sent_to_both_instances_at_once_runs_once()
    {
        var modules = await postgres.Provision("keyed_", "Users", "Tweets");
        await using var first = PostgresFixture.HostOn(modules);
        await using var second = PostgresFixture.HostOn(modules, new HostFactory().With("Data:Directory", first.DataPath));
        var (id, token, _) = await first.SignedInUser();
        await postgres.EventsDelivered(modules["Users"]);
        var authors = new[] { first.CreateApiClient(token), second.CreateApiClient(token) };

        for (var round = 0; round < 8; round++)
        {
            var key = Keyed.NewKey();
            var answers = await Task.WhenAll(authors.Select(a => a.PostTweet(key, $"once {round}")));

            answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
            answers.Count(a => a.WasReplayed()).Should().Be(1, $"round {round}: the twin waited for the first and got its answer");
        }

        (await authors[0].TweetCount(id)).Should().Be(8);
    }

    [Fact]
    public async Task A_unique_violation_inside_a_keyed_request_leaves_its_transaction_usable()
    {
        var modules = await postgres.Provision("savepoint_", "Users", "Tweets");
        await using var host = PostgresFixture.HostOn(modules);
        var (_, token, _) = await host.SignedInUser();
        var followee = await host.CreateApiClient().SignUpNew();
        await postgres.EventsDelivered(modules["Users"]);
        var follower = host.CreateApiClient(token);
        await follower.Follow(followee);

        // The follow exists: the handler's insert violates the key, inside the transaction that remembers the key.
        using var again = await follower.Send(HttpMethod.Put, TweetsApi.FollowPath(followee), Keyed.NewKey());

        again.StatusCode.Should().Be(HttpStatusCode.NoContent, await again.Content.ReadAsStringAsync());
        (await postgres.Scalar(modules["Tweets"], "SELECT COUNT(*) FROM \"IdempotencyKeys\"")).Should().Be(1,
            "the answer was remembered in the same transaction after the violation");
    }
}
