using System.Globalization;

namespace Host.IntegrationTests.Users;

/// <summary>
/// A Host whose per-address lockout lasts two minutes and whose account-wide one trips after eight failures, to show
/// both come from configuration.
/// </summary>
public sealed class LockoutHost : HostFactory
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    public const int AccountMaxFailedAttempts = 8;

    public LockoutHost()
    {
        With("Modules:Users:Lockout:Duration", "00:02:00");
        With("Modules:Users:Lockout:AccountMaxFailedAttempts", AccountMaxFailedAttempts.ToString(CultureInfo.InvariantCulture));
        With("Modules:Users:Lockout:AccountDuration", "00:10:00");
    }
}

/// <summary>
/// Log-in throttling (docs/adr/0038). Each test's clients name their own addresses in <c>X-Forwarded-For</c>, which a
/// loopback peer is trusted to send, so "another machine" is a header away.
/// </summary>
public sealed class LockoutTests(LockoutHost host) : IClassFixture<LockoutHost>
{
    private const string WrongPassword = "not the password";
    private static int addresses;
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_from_one_address_lock_it_out_with_429_and_Retry_After()
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
    public async Task While_an_address_is_locked_out_the_right_password_from_it_is_refused_with_429()
    {
        var id = await LockedAccount(client);

        using var response = await client.LogIn(id);

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        retryAfter.Should().BeInRange(1, (int)LockoutHost.Duration.TotalSeconds);
    }

    [Fact]
    public async Task A_strangers_wrong_passwords_do_not_lock_the_owner_out_at_another_address()
    {
        var owner = ClientAt(NewAddress());
        var id = await owner.SignUpNew();
        var stranger = ClientAt(NewAddress());
        await LockOut(stranger, id);

        using var response = await owner.LogIn(id);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "only the stranger's own address is locked out");
    }

    [Fact]
    public async Task An_unknown_id_gets_exactly_the_answers_an_existing_one_gets()
    {
        var existing = await client.SignUpNew();
        var unknown = Api.NewId("ghost");

        var forExisting = await Answers(ClientAt(NewAddress()), existing);
        var forUnknown = await Answers(ClientAt(NewAddress()), unknown);

        forUnknown.Should().Equal(forExisting, "no answer may tell whether an id has an account");
        forExisting.Should().Contain(a => a.StartsWith("429", StringComparison.Ordinal), "the sixth attempt is over the limit");
    }

    [Fact]
    public async Task Failures_from_many_addresses_lock_the_id_for_new_addresses_but_not_for_one_that_logged_in_before()
    {
        var home = ClientAt(NewAddress());
        var id = await home.SignUpNew();
        (await home.TokenFor(id)).Should().NotBeNullOrEmpty();

        // Two failures from each of four addresses: no address reaches its own limit, the id reaches its account-wide one.
        for (var i = 0; i < LockoutHost.AccountMaxFailedAttempts / 2; i++)
        {
            var guesser = ClientAt(NewAddress());
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var failed = await guesser.LogIn(id, WrongPassword);
                failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }
        }

        using var fromNewAddress = await ClientAt(NewAddress()).LogIn(id);
        using var fromHome = await home.LogIn(id);

        var problem = await fromNewAddress.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        problem.GetProperty("detail").GetString().Should().Contain("locked");
        fromHome.StatusCode.Should().Be(HttpStatusCode.OK, "an address that logged in to the id before is never shut out by others' guesses");
    }

    [Fact]
    public async Task After_the_lockout_duration_the_right_password_works_again()
    {
        var id = await LockedAccount(client);

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
    public async Task A_successful_log_in_resets_the_count_of_failures()
    {
        var id = await client.SignUpNew();
        var from = ClientAt(NewAddress());
        await FailTimes(from, id, 4);
        (await from.TokenFor(id)).Should().NotBeNullOrEmpty();

        await FailTimes(from, id, 4);

        using var response = await from.LogIn(id);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "eight failures split by a success never reach five in a row");
    }

    [Fact]
    public async Task Failures_under_any_casing_of_the_id_count_against_the_same_account()
    {
        var id = await client.SignUpNew(Api.NewId("Casey"));
        var from = ClientAt(NewAddress());
        string[] casings = [id, id.ToUpperInvariant(), id.ToLowerInvariant(), id.ToUpperInvariant(), id.ToLowerInvariant()];
        foreach (var casing in casings)
        {
            using var _ = await from.LogIn(casing, WrongPassword);
        }

        using var response = await from.LogIn(id);

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
    }

    /// <summary>Status, detail and whether Retry-After came, for six wrong passwords in a row, as text to compare.</summary>
    private static async Task<List<string>> Answers(HttpClient from, string id)
    {
        var answers = new List<string>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var response = await from.LogIn(id, WrongPassword);
            var detail = (await response.Json()).GetProperty("detail").GetString();
            answers.Add($"{(int)response.StatusCode} {detail} retry-after:{response.Headers.RetryAfter is not null}");
        }

        return answers;
    }

    private static async Task<string> LockedAccount(HttpClient from)
    {
        var id = await from.SignUpNew();
        await LockOut(from, id);
        return id;
    }

    private static async Task LockOut(HttpClient from, string id)
    {
        await FailTimes(from, id, 4);
        using var locking = await from.LogIn(id, WrongPassword);
        locking.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    private static async Task FailTimes(HttpClient from, string id, int times)
    {
        for (var attempt = 0; attempt < times; attempt++)
        {
            using var failed = await from.LogIn(id, WrongPassword);
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    private HttpClient ClientAt(string address)
    {
        var created = host.CreateApiClient();
        created.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return created;
    }

    private static string NewAddress() => $"198.51.100.{Interlocked.Increment(ref addresses)}";
}
