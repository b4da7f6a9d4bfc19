using FluentValidation;
using Users.Contracts;

namespace Host.IntegrationTests.Users;

/// <summary>A Host that records every <see cref="UserRegistered"/> it dispatches.</summary>
public sealed class RecordingHost : HostFactory
{
    public RecordingHost() => Registrations = Record<UserRegistered>();

    public PublishedNotifications<UserRegistered> Registrations { get; }
}

/// <summary>What other modules may ask of Users and hear from it, sent through the Host's own mediator.</summary>
public sealed class UsersContractTests(RecordingHost host) : IClassFixture<RecordingHost>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task GetUserSummaries_returns_the_id_and_display_name_of_several_users_in_one_call()
    {
        var alice = await SignUp("Alice Liddell");
        var bob = await SignUp("Bob");
        var carol = await SignUp("Carol \U0001F44B\U0001F3FD");

        var summaries = await host.Send(new GetUserSummaries([alice, bob, carol]));

        summaries.Should().BeEquivalentTo(
        [
            new UserSummary(alice, "Alice Liddell"),
            new UserSummary(bob, "Bob"),
            new UserSummary(carol, "Carol \U0001F44B\U0001F3FD"),
        ]);
    }

    [Fact]
    public async Task GetUserSummaries_matches_ids_in_any_casing_and_answers_in_the_chosen_casing()
    {
        var id = await SignUp("Mixed Case", Api.NewId("MixedCase"));

        var summaries = await host.Send(new GetUserSummaries([id.ToUpperInvariant(), id.ToLowerInvariant()]));

        summaries.Should().Equal(new UserSummary(id, "Mixed Case"));
    }

    [Fact]
    public async Task GetUserSummaries_leaves_unknown_ids_out()
    {
        var known = await SignUp("Known");

        var summaries = await host.Send(new GetUserSummaries([Api.NewId("ghost"), known, "not an id at all!"]));

        summaries.Should().Equal(new UserSummary(known, "Known"));
    }

    [Fact]
    public async Task GetUserSummaries_of_an_empty_set_is_empty()
    {
        await SignUp("Somebody");

        var summaries = await host.Send(new GetUserSummaries([]));

        summaries.Should().BeEmpty();
    }

    [Fact]
    public async Task GetUserSummaries_accepts_as_many_ids_as_MaxIds()
    {
        var known = await SignUp("Among many");
        var ids = Enumerable.Range(1, GetUserSummaries.MaxIds - 1).Select(i => $"unknown_{i}").Append(known).ToList();

        var summaries = await host.Send(new GetUserSummaries(ids));

        summaries.Should().Equal(new UserSummary(known, "Among many"));
    }

    [Fact]
    public async Task GetUserSummaries_of_more_than_MaxIds_ids_throws_a_ValidationException()
    {
        var ids = Enumerable.Range(0, GetUserSummaries.MaxIds + 1).Select(i => $"user_{i}").ToList();

        var asking = () => host.Send(new GetUserSummaries(ids));

        (await asking.Should().ThrowAsync<ValidationException>())
            .Which.Errors.Should().ContainSingle(e => e.PropertyName == nameof(GetUserSummaries.UserIds));
    }

    [Fact]
    public async Task Signing_up_publishes_UserRegistered_once_with_the_id_display_name_and_time_of_the_new_account()
    {
        var id = Api.NewId("Announced");

        using var response = await client.SignUp(id, displayName: "  Rene\u0301e  ");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var profile = await response.Json();
        await host.EventsDelivered();
        var registered = host.Registrations.All.Should().ContainSingle(r => r.UserId == id).Subject;
        registered.DisplayName.Should().Be("Ren\u00E9e", "the notification carries the stored, trimmed and composed name");
        registered.RegisteredAt.Should().Be(profile.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_refused_sign_up_publishes_nothing()
    {
        var taken = await SignUp("First");
        var invalid = Api.NewId("invalid");

        using var duplicate = await client.SignUp(taken.ToUpperInvariant(), displayName: "Second");
        using var badPassword = await client.SignUp(invalid, "short");

        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        badPassword.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await host.EventsDelivered();
        host.Registrations.All.Should().ContainSingle(r => string.Equals(r.UserId, taken, StringComparison.OrdinalIgnoreCase))
            .Which.DisplayName.Should().Be("First");
        host.Registrations.All.Should().NotContain(r => r.UserId == invalid);
    }

    [Fact]
    public async Task Ten_simultaneous_sign_ups_of_one_id_publish_UserRegistered_once()
    {
        var id = Api.NewId("announce_race");
        var clients = Enumerable.Range(0, 10).Select(_ => host.CreateApiClient()).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.SignUp(id)));

        responses.Select(r => r.StatusCode).Should().ContainSingle(s => s == HttpStatusCode.Created);
        await host.EventsDelivered();
        host.Registrations.All.Should().ContainSingle(r => r.UserId == id);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private async Task<string> SignUp(string displayName, string? id = null)
    {
        id ??= Api.NewId();
        using var response = await client.SignUp(id, displayName: displayName);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }
}
