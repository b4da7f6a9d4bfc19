namespace Host.IntegrationTests.FrontDoor;

/// <summary>A Host shadowing every safe Tweets request to an instance that is not there, with one configured admin.</summary>
public sealed class ShadowHost : HostFactory
{
    public ShadowHost()
    {
        AdminId = Api.NewId("shadow_admin");
        With("Modules:Users:Admins:0", AdminId);
        this.Routing("Tweets", "InProcess", FrontDoorApi.ClosedPort(), fallback: true);
        With("Modules:Tweets:Shadow", "100");
    }

    public string AdminId { get; }
}

/// <summary>
/// <c>GET /api/ops/modules/{name}/shadow</c> and what shadowing does to clients: nothing. With the shadow's instance
/// down, every client is still answered in-process and the failed shadow requests are only counted.
/// </summary>
public sealed class ShadowEndpointTests(ShadowHost host) : IClassFixture<ShadowHost>
{
    [Fact]
    public async Task A_dead_shadow_instance_changes_no_answer_and_is_counted_as_failed_shadow_requests()
    {
        const int Requests = 6;
        var admin = await Admin();
        for (var i = 0; i < Requests; i++)
        {
            using var response = await host.CreateApiClient().GetAsync(TweetsApi.Tweets);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the in-process copy answers; the shadow is off the request path");
        }

        JsonElement report = default;
        await Eventually(async () =>
        {
            report = await Report(admin, "Tweets");
            return report.GetProperty("failed").GetInt64() + report.GetProperty("skipped").GetInt64() >= Requests;
        });
        report.GetProperty("percent").GetDouble().Should().Be(100);
        report.GetProperty("compared").GetInt64().Should().Be(0, "no instance answered");
        report.GetProperty("failed").GetInt64().Should().BeGreaterThan(0);
        var map = await (await admin.GetAsync("/api/ops/modules")).Json();
        var tweets = map.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Tweets");
        tweets.GetProperty("shadow").GetProperty("failed").GetInt64().Should().Be(report.GetProperty("failed").GetInt64());
        tweets.GetProperty("traffic").GetProperty("remote").GetProperty("requests").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_module_is_a_404_problem()
    {
        var admin = await Admin();

        using var response = await admin.GetAsync("/api/ops/modules/Nothing/shadow");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_gets_403()
    {
        var (_, _, user) = await host.SignedInUser();

        using var response = await user.GetAsync("/api/ops/modules/Tweets/shadow");

        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> Admin()
    {
        var anonymous = host.CreateApiClient();
        using (var signUp = await anonymous.SignUp(host.AdminId))
        {
            signUp.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        }

        return host.CreateApiClient(await anonymous.TokenFor(host.AdminId));
    }

    private static async Task<JsonElement> Report(HttpClient admin, string module)
    {
        using var response = await admin.GetAsync($"/api/ops/modules/{module}/shadow");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static async Task Eventually(Func<Task<bool>> reached)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await reached())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The shadow requests were not all accounted for.");
            }

            await Task.Delay(100);
        }
    }
}
