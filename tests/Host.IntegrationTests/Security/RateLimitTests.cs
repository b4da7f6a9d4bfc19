using System.Globalization;

namespace Host.IntegrationTests.Security;

/// <summary>
/// A Host with tiny limits, so a few requests reach them. Each test speaks for its own client addresses: the test runs
/// on loopback, and a loopback peer is trusted to name the client in <c>X-Forwarded-For</c>, as the front door does.
/// </summary>
public sealed class RateLimitedHost : HostFactory
{
    public const int Limit = 2;
    public const string IngestionKey = "rate-limit-test-key";

    public RateLimitedHost()
    {
        // The clients here stand for other machines, which need the key to send logs.
        With("Modules:Logging:Ingestion:Key", IngestionKey);
        foreach (var policy in UnthrottledPolicies)
        {
            With($"RateLimits:{policy}:PermitLimit", Limit.ToString(CultureInfo.InvariantCulture));
            With($"RateLimits:{policy}:Window", "01:00:00");
        }
    }
}

public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    private static int addresses;

    [Fact]
    public async Task Sign_ups_beyond_the_limit_from_one_client_get_429_with_a_problem_body_and_Retry_After()
    {
        var client = ClientAt(NewAddress());
        for (var i = 0; i < RateLimitedHost.Limit; i++)
        {
            await client.SignUpNew();
        }

        using var refused = await client.SignUp(Api.NewId());

        var problem = await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        retryAfter.Should().BeInRange(1, 3600, "the window is an hour");
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(retryAfter);
    }

    [Fact]
    public async Task Another_client_address_has_a_budget_of_its_own()
    {
        var first = ClientAt(NewAddress());
        for (var i = 0; i < RateLimitedHost.Limit; i++)
        {
            await first.SignUpNew();
        }

        using var refused = await first.SignUp(Api.NewId());
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        using var other = await ClientAt(NewAddress()).SignUp(Api.NewId());
        other.StatusCode.Should().Be(HttpStatusCode.Created, "the limit is per client address");
    }

    [Fact]
    public async Task Log_ins_beyond_the_limit_from_one_client_get_429_even_with_the_right_password()
    {
        var id = await ClientAt(NewAddress()).SignUpNew();
        var client = ClientAt(NewAddress());
        for (var i = 0; i < RateLimitedHost.Limit; i++)
        {
            (await client.TokenFor(id)).Should().NotBeNullOrEmpty();
        }

        using var refused = await client.LogIn(id);

        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
    }

    [Fact]
    public async Task Log_ingestion_beyond_the_limit_from_one_client_gets_429()
    {
        var client = ClientAt(NewAddress());
        client.DefaultRequestHeaders.Add("X-Ingestion-Key", RateLimitedHost.IngestionKey);
        var record = new { method = "GET", path = "/limited", status = 200, durationMs = 1.5 };
        for (var i = 0; i < RateLimitedHost.Limit; i++)
        {
            using var accepted = await client.PostAsJsonAsync("/api/logs", record);
            accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        using var refused = await client.PostAsJsonAsync("/log", new { originalUrl = "/limited" });

        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
    }

    [Fact]
    public async Task Changes_beyond_the_limit_are_refused_per_user_while_another_user_and_reads_go_on()
    {
        var (first, _) = await SignedIn();
        var (second, _) = await SignedIn();
        for (var i = 0; i < RateLimitedHost.Limit; i++)
        {
            using var renamed = await first.PatchAsJsonAsync(Api.MePath, new { displayName = $"Name {i}" });
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var refused = await first.PatchAsJsonAsync(Api.MePath, new { displayName = "One more" });
        using var read = await first.GetAsync(Api.MePath);
        using var others = await second.PatchAsJsonAsync(Api.MePath, new { displayName = "Someone else" });

        await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        read.StatusCode.Should().Be(HttpStatusCode.OK, "reads are not counted");
        others.StatusCode.Should().Be(HttpStatusCode.OK, "the limit on changes is per user");
    }

    private async Task<(HttpClient Client, string Id)> SignedIn()
    {
        var anonymous = ClientAt(NewAddress());
        var id = await anonymous.SignUpNew();
        var client = host.CreateApiClient(await anonymous.TokenFor(id));
        return (client, id);
    }

    private HttpClient ClientAt(string address)
    {
        var client = host.CreateApiClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref addresses)}";
}
