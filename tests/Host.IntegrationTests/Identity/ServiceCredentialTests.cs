using Host.IntegrationTests.FrontDoor;
using Logging.Contracts;
using ModuleRuntime.Remoting;
using Users.Contracts;

namespace Host.IntegrationTests.Identity;

/// <summary>
/// Every module has its own service credential, and a call carries the calling module's identity with the callee as
/// audience: a token issued for one module is refused by another, even in the Host, which hosts both; a service token
/// is no user token; a credential the Host does not know is refused (docs/adr/0037).
/// </summary>
public sealed class ServiceCredentialTests(InternalEndpointsHost host) : IClassFixture<InternalEndpointsHost>
{
    private static readonly string Summaries = $"/internal/contracts/{typeof(GetUserSummaries).FullName}";
    private static readonly string Record = $"/internal/contracts/{typeof(RecordRequests).FullName}";

    [Fact]
    public async Task A_token_for_the_Users_module_is_refused_by_the_Logging_modules_contract()
    {
        using var response = await host.TweetsCallingUsers().PostAsJsonAsync(Record, new RecordRequests([]));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden, Wrong);
        problem.GetProperty("detail").GetString().Should().Contain("module:Users").And.Contain("module:Logging");
    }

    [Fact]
    public async Task The_same_caller_with_a_token_for_the_right_module_is_answered()
    {
        var id = await host.CreateApiClient().SignUpNew();

        using var response = await host.TweetsCallingUsers().PostAsJsonAsync(Summaries, new GetUserSummaries([id]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_for_the_event_fan_out_calls_no_contract_and_delivers_to_no_single_inbox()
    {
        var fanOut = host.Service("Users", ServiceTokens.EventsAudience);

        using var contract = await fanOut.PostAsJsonAsync(Summaries, new GetUserSummaries(["alice"]));
        using var inbox = await fanOut.PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(Guid.NewGuid(), Api.NewId()));

        await contract.ShouldBeProblem(HttpStatusCode.Forbidden, Wrong);
        await inbox.ShouldBeProblem(HttpStatusCode.Forbidden, Wrong);
    }

    [Fact]
    public async Task A_token_for_one_modules_inbox_is_refused_by_another_modules_inbox_and_by_the_fan_out()
    {
        var id = Api.NewId("wrong_inbox");
        var forUsers = host.Service("Users", ServiceTokens.Of("Users"));

        using var inbox = await forUsers.PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(Guid.NewGuid(), id));
        using var fanOut = await forUsers.PostAsJsonAsync("/internal/events", Envelopes.Registered(Guid.NewGuid(), id));

        await inbox.ShouldBeProblem(HttpStatusCode.Forbidden, Wrong);
        await fanOut.ShouldBeProblem(HttpStatusCode.Forbidden, Wrong);
        using var stats = await host.CreateApiClient().GetAsync(TweetsApi.Stats(id));
        stats.StatusCode.Should().Be(HttpStatusCode.NotFound, "Tweets never handled the event");
    }

    [Fact]
    public async Task A_service_token_is_not_a_user_token_on_the_public_API()
    {
        var (id, _, _) = await host.SignedInUser();
        var service = host.Service("Tweets", ServiceTokens.Of("Users"), id);

        using var me = await service.GetAsync(Api.MePath);
        using var post = await service.PostAsJsonAsync(TweetsApi.Tweets, new { text = "as a module" });

        await me.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await post.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_service_token_signed_with_a_credential_the_Host_does_not_know_is_refused()
    {
        // Another deployment's Tweets: right shape, right names, another key.
        var stranger = Keys.Sign(Keys.NewPem(), ServiceTokens.Of("Tweets"), ServiceTokens.Of("Users"), "module:Tweets");

        using var response = await host.CreateApiClient(stranger).PostAsJsonAsync(Summaries, new GetUserSummaries(["alice"]));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_modules_credential_speaks_for_that_module_alone()
    {
        // Signed with Tweets' own key but claiming to be Users: the key validates Tweets' tokens only.
        var tweetsCredential = File.ReadAllText(Path.Combine(host.DataPath, "service-keys", "tweets.pem"));
        var posing = Keys.Sign(tweetsCredential, ServiceTokens.Of("Users"), ServiceTokens.Of("Tweets"), "module:Users");

        using var response = await host.CreateApiClient(posing).PostAsJsonAsync("/internal/events/Tweets", Envelopes.Registered(Guid.NewGuid(), Api.NewId()));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task The_Host_publishes_the_public_key_of_every_modules_credential()
    {
        using var response = await host.CreateApiClient().GetAsync("/.well-known/module-keys.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var modules = (await response.Json()).GetProperty("modules");
        modules.EnumerateObject().Select(m => m.Name).Should().BeEquivalentTo(["Logging", "Tweets", "Users"]);
        foreach (var module in modules.EnumerateObject())
        {
            var key = module.Value.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
            key.EnumerateObject().Select(p => p.Name).Should().NotContain("d", "only public parts are published");
            var file = File.ReadAllText(Path.Combine(host.DataPath, "service-keys", module.Name.ToLowerInvariant() + ".pem"));
            key.GetProperty("kid").GetString().Should().Be(Keys.KeyIdOf(file));
        }
    }

    private const string Wrong = "urn:problem:wrong-audience";
}
