namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// <c>POST /internal/events/{module}</c>: where another process delivers an integration event to one module here.
/// The module handles each event id once; a repeat is answered like the first and changes nothing.
/// </summary>
public sealed class EventInboxTests(InternalEndpointsHost host) : IClassFixture<InternalEndpointsHost>
{
    private const string TweetsInbox = "/internal/events/Tweets";

    [Fact]
    public async Task A_delivered_UserRegistered_makes_the_user_known_to_Tweets()
    {
        // An id the Users module here has never heard of: only the event can make Tweets know it.
        var id = Api.NewId("from_event");
        using (var unknown = await host.CreateApiClient().GetAsync(TweetsApi.Stats(id)))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var delivered = await host.UsersDeliveringToTweets().PostAsJsonAsync(TweetsInbox, Envelopes.Registered(Guid.NewGuid(), id));

        delivered.StatusCode.Should().Be(HttpStatusCode.NoContent, await delivered.Content.ReadAsStringAsync());
        (await host.CreateApiClient().GetStats(id)).GetProperty("userId").GetString().Should().Be(id);
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_event_id_changes_nothing()
    {
        var eventId = Guid.NewGuid();
        var first = Api.NewId("first_delivery");
        var repeat = Api.NewId("repeat_delivery");
        using (var delivered = await host.UsersDeliveringToTweets().PostAsJsonAsync(TweetsInbox, Envelopes.Registered(eventId, first)))
        {
            delivered.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        // Same id, different body: had the inbox handled it again, the second user would become known.
        using var again = await host.UsersDeliveringToTweets().PostAsJsonAsync(TweetsInbox, Envelopes.Registered(eventId, repeat));

        again.StatusCode.Should().Be(HttpStatusCode.NoContent, "a repeat is acknowledged, so the sender stops resending");
        using var repeated = await host.CreateApiClient().GetAsync(TweetsApi.Stats(repeat));
        repeated.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.CreateApiClient().GetStats(first)).GetProperty("userId").GetString().Should().Be(first);
    }

    [Fact]
    public async Task Without_a_token_the_inbox_answers_401()
    {
        var id = Api.NewId("no_token");

        using var response = await host.CreateApiClient().PostAsJsonAsync(TweetsInbox, Envelopes.Registered(Guid.NewGuid(), id));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        using var stats = await host.CreateApiClient().GetAsync(TweetsApi.Stats(id));
        stats.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_token_is_not_enough_for_the_inbox()
    {
        var (_, _, user) = await host.SignedInUser();
        var id = Api.NewId("user_token");

        using var response = await user.PostAsJsonAsync(TweetsInbox, Envelopes.Registered(Guid.NewGuid(), id));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        using var stats = await host.CreateApiClient().GetAsync(TweetsApi.Stats(id));
        stats.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_inbox_for_a_module_this_process_does_not_host_is_404()
    {
        using var response = await host.UsersDeliveringToTweets().PostAsJsonAsync("/internal/events/Billing", Envelopes.Registered(Guid.NewGuid(), Api.NewId()));

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
