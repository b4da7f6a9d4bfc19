using ModuleRuntime.Problems;

namespace Host.IntegrationTests.FrontDoor;

/// <summary>
/// When a module's only instance cannot be reached: with fallback on, the Host's own copy serves; with it off, that
/// module's routes get 503 problem details and every other module keeps working. The header forces either side.
/// </summary>
public sealed class FrontDoorFallbackTests
{
    [Fact]
    public async Task With_fallback_on_a_dead_instance_is_covered_by_the_in_process_copy()
    {
        await using var front = new HostFactory().Routing("Users", "Remote", FrontDoorApi.ClosedPort(), fallback: true);
        var client = front.CreateApiClient();

        var id = await client.SignUpNew();
        using var read = await client.GetAsync(FrontDoorApi.UserPath(id));

        read.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-up's body was sent again to the local copy, which then knows the user");
    }

    [Fact]
    public async Task With_fallback_off_a_dead_instance_fails_only_its_modules_routes_with_503_problem_details()
    {
        await using var front = new HostFactory().Routing("Users", "Remote", FrontDoorApi.ClosedPort(), fallback: false);
        var client = front.CreateApiClient();

        using var users = await client.GetAsync($"{Api.Users}?page=1");
        using var signUp = await client.SignUp(Api.NewId());
        using var tweets = await client.GetAsync(TweetsApi.Tweets);
        using var log = await client.PostLegacyLog(new { ip = "203.0.113.7", originalUrl = "/home" });

        var problem = await users.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        problem.GetProperty("detail").GetString().Should().Contain("Users").And.Contain("Modules:Users:Fallback");
        await signUp.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        tweets.StatusCode.Should().Be(HttpStatusCode.OK, "Tweets runs in-process and is not affected");
        log.StatusCode.Should().Be(HttpStatusCode.OK, "Logging runs in-process and is not affected");
    }

    [Fact]
    public async Task The_legacy_log_endpoint_fails_with_its_module_when_Logging_is_unreachable()
    {
        await using var front = new HostFactory()
            .Routing("Logging", "Remote", FrontDoorApi.ClosedPort(), fallback: false)
            .With("RequestLogShipping:Enabled", "false");
        var client = front.CreateApiClient();

        using var log = await client.PostLegacyLog(new { ip = "203.0.113.7", originalUrl = "/home" });
        using var users = await client.GetAsync($"{Api.Users}?page=1");

        await log.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        users.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forcing_local_serves_a_Remote_module_in_process_even_with_fallback_off()
    {
        await using var front = new HostFactory().Routing("Users", "Remote", FrontDoorApi.ClosedPort(), fallback: false);
        var client = front.CreateApiClient();

        using var forced = await client.GetForced($"{Api.Users}?page=1", "local");
        using var unforced = await client.GetAsync($"{Api.Users}?page=1");

        forced.StatusCode.Should().Be(HttpStatusCode.OK);
        await unforced.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
    }

    [Fact]
    public async Task Forcing_remote_sends_an_InProcess_module_to_its_dead_instance_and_fails_with_fallback_off()
    {
        await using var front = new HostFactory().Routing("Users", "InProcess", FrontDoorApi.ClosedPort(), fallback: false);
        var client = front.CreateApiClient();

        using var forced = await client.GetForced($"{Api.Users}?page=1", "remote");
        using var unforced = await client.GetAsync($"{Api.Users}?page=1");

        await forced.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        unforced.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_injected_local_failure_answers_503_problem_details_for_that_module_only()
    {
        await using var host = new HostFactory().With("Modules:Tweets:Faults:Local:FailureRate", "1");
        var client = host.CreateApiClient();

        using var tweets = await client.GetAsync(TweetsApi.Tweets);
        using var users = await client.GetAsync($"{Api.Users}?page=1");
        var counting = () => host.Send(new global::Tweets.Contracts.GetTweetCount("alice"));

        var problem = await tweets.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, FrontDoorApi.ModuleUnavailable);
        problem.GetProperty("detail").GetString().Should().Contain("Modules:Tweets:Faults");
        users.StatusCode.Should().Be(HttpStatusCode.OK);
        (await counting.Should().ThrowAsync<ModuleRuntime.Problems.ModuleUnavailableException>())
            .WithMessage("*injected*", "contract calls to the module get the same fault");
    }

    [Fact]
    public async Task Without_injected_faults_the_same_requests_succeed()
    {
        await using var host = new HostFactory().With("Modules:Tweets:Faults:Local:FailureRate", "0");

        using var tweets = await host.CreateApiClient().GetAsync(TweetsApi.Tweets);

        tweets.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Send(new global::Tweets.Contracts.GetTweetCount("alice"))).Should().Be(0);
    }
}
