using System.Globalization;

namespace Host.IntegrationTests.Users;

/// <summary>A Host whose lockout lasts two minutes, to show the duration comes from configuration.</summary>
public sealed class LockoutHost : HostFactory
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    public LockoutHost() => With("Modules:Users:Lockout:Duration", "00:02:00");
}

public sealed class LockoutTests(LockoutHost host) : IClassFixture<LockoutHost>
{
    private const string WrongPassword = "not the password";
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account_with_429_and_Retry_After()
    {
        var id = await client.SignUpNew();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await client.LogIn(id, WrongPassword);
            await failed.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }

        using var fifth = await client.LogIn(id, WrongPassword);

        var problem = await fifth.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        var retryAfter = int.Parse(fifth.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        retryAfter.Should().Be((int)LockoutHost.Duration.TotalSeconds, "the lock was set by this very request");
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(retryAfter);
        problem.GetProperty("detail").GetString().Should().Contain("locked");
    }

    [Fact]
    public async Task While_locked_the_right_password_is_refused_with_429()
    {
        var id = await LockedAccount();

        using var response = await client.LogIn(id);

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        retryAfter.Should().BeInRange(1, (int)LockoutHost.Duration.TotalSeconds);
    }

    [Fact]
    public async Task After_the_lockout_duration_the_right_password_works_again()
    {
        var id = await LockedAccount();

        host.Clock.Advance(LockoutHost.Duration / 2);
        using var halfway = await client.LogIn(id);
        await halfway.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        int.Parse(halfway.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture)
            .Should().BeLessThanOrEqualTo((int)(LockoutHost.Duration / 2).TotalSeconds);

        host.Clock.Advance((LockoutHost.Duration / 2) + TimeSpan.FromSeconds(1));
        using var after = await client.LogIn(id);

        after.StatusCode.Should().Be(HttpStatusCode.OK, await after.Content.ReadAsStringAsync());
        (await after.Json()).GetProperty("user").GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task After_a_lockout_expires_failures_are_counted_from_zero_again()
    {
        var id = await LockedAccount();
        host.Clock.Advance(LockoutHost.Duration + TimeSpan.FromSeconds(1));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await client.LogIn(id, WrongPassword);
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "attempt {0} after the lock expired", attempt);
        }

        using var fifth = await client.LogIn(id, WrongPassword);
        fifth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_successful_log_in_resets_the_count_of_failures()
    {
        var id = await client.SignUpNew();
        await FailTimes(id, 4);
        (await client.TokenFor(id)).Should().NotBeNullOrEmpty();

        await FailTimes(id, 4);

        using var response = await client.LogIn(id);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "eight failures split by a success never reach five in a row");
    }

    [Fact]
    public async Task Failures_under_any_casing_of_the_id_count_against_the_same_account()
    {
        var id = await client.SignUpNew(Api.NewId("Casey"));
        string[] casings = [id, id.ToUpperInvariant(), id.ToLowerInvariant(), id.ToUpperInvariant(), id.ToLowerInvariant()];
        foreach (var casing in casings)
        {
            using var _ = await client.LogIn(casing, WrongPassword);
        }

        using var response = await client.LogIn(id);

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
    }

    [Fact]
    public async Task Locking_one_account_leaves_other_accounts_alone()
    {
        await LockedAccount();
        var other = await client.SignUpNew();

        using var response = await client.LogIn(other);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_passwords_for_an_unknown_id_never_answer_429()
    {
        var nobody = Api.NewId("ghost");

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            using var response = await client.LogIn(nobody, WrongPassword);
            await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }
    }

    private async Task<string> LockedAccount()
    {
        var id = await client.SignUpNew();
        await FailTimes(id, 4);
        using var locking = await client.LogIn(id, WrongPassword);
        locking.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        return id;
    }

    private async Task FailTimes(string id, int times)
    {
        for (var attempt = 0; attempt < times; attempt++)
        {
            using var failed = await client.LogIn(id, WrongPassword);
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }
}
