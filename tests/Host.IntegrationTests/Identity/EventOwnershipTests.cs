using Host.IntegrationTests.FrontDoor;
using ModuleRuntime.Remoting;

namespace Host.IntegrationTests.Identity;

/// <summary>
/// A receiver accepts an event only from the module that owns its type: <c>UserRegistered</c> only from Users, with
/// Users named as its source, at a module's inbox and at the front door's fan-out alike (docs/adr/0037).
/// </summary>
public sealed class EventOwnershipTests(InternalEndpointsHost host) : IClassFixture<InternalEndpointsHost>
{
    private const string NotOwned = "urn:problem:event-not-owned";

    [Fact]
    public async Task UserRegistered_from_the_Tweets_module_is_refused_by_the_Tweets_inbox()
    {
        var id = Api.NewId("forged_event");

        using var response = await host.Service("Tweets", ServiceTokens.Of("Tweets"))
            .PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(Guid.NewGuid(), id, source: "Tweets"));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden, NotOwned);
        problem.GetProperty("detail").GetString().Should().Contain("Users module").And.Contain("Tweets module may not raise it");
        await Unknown(id);
    }

    [Fact]
    public async Task An_event_naming_its_owner_as_source_but_sent_by_another_module_is_refused()
    {
        var id = Api.NewId("spoofed_source");

        using var response = await host.Service("Logging", ServiceTokens.Of("Tweets"))
            .PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(Guid.NewGuid(), id));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden, NotOwned);
        problem.GetProperty("detail").GetString().Should().Contain("sent with the Logging module's credential");
        await Unknown(id);
    }

    [Fact]
    public async Task The_fan_out_refuses_an_event_from_a_module_that_does_not_own_it_and_delivers_one_from_its_owner()
    {
        var forged = Api.NewId("fanout_forged");
        var genuine = Api.NewId("fanout_genuine");

        using var refused = await host.Service("Tweets", ServiceTokens.EventsAudience)
            .PostAsJsonAsync("/internal/events", Envelopes.Registered(Guid.NewGuid(), forged, source: "Tweets"));
        using var delivered = await host.Service("Users", ServiceTokens.EventsAudience)
            .PostAsJsonAsync("/internal/events", Envelopes.Registered(Guid.NewGuid(), genuine));

        await refused.ShouldBeProblem(HttpStatusCode.Forbidden, NotOwned);
        delivered.StatusCode.Should().Be(HttpStatusCode.NoContent, await delivered.Content.ReadAsStringAsync());
        await Unknown(forged);
        (await host.CreateApiClient().GetStats(genuine)).GetProperty("userId").GetString().Should().Be(genuine);
    }

    private async Task Unknown(string id)
    {
        using var stats = await host.CreateApiClient().GetAsync(TweetsApi.Stats(id));
        stats.StatusCode.Should().Be(HttpStatusCode.NotFound, "Tweets never handled the event");
    }
}
