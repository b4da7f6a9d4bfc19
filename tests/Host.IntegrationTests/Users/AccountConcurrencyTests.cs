namespace Host.IntegrationTests.Users;

public sealed class AccountConcurrencyTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const int Parallel = 10;

    [Fact]
    public async Task Ten_parallel_sign_ups_of_the_same_id_create_exactly_one_account()
    {
        var id = Api.NewId("race");

        var statuses = await InParallel(client => client.SignUp(id));

        statuses.Should().ContainSingle(s => s == HttpStatusCode.Created);
        statuses.Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
        await ShouldBeListedOnce(id);
    }

    [Fact]
    public async Task Ten_parallel_sign_ups_of_one_id_in_different_casings_create_exactly_one_account()
    {
        var id = Api.NewId("casing_race");
        var variants = Enumerable.Range(0, Parallel)
            .Select(i => new string([.. id.Select((c, j) => ((i >> (j % 4)) & 1) == 1 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]))
            .ToList();

        var index = -1;
        var statuses = await InParallel(client => client.SignUp(variants[Interlocked.Increment(ref index)]));

        statuses.Should().ContainSingle(s => s == HttpStatusCode.Created);
        statuses.Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
        await ShouldBeListedOnce(id);
    }

    [Fact]
    public async Task Ten_parallel_sign_ups_of_different_ids_all_succeed()
    {
        var ids = Enumerable.Range(0, Parallel).Select(_ => Api.NewId("many")).ToList();

        var index = -1;
        var statuses = await InParallel(client => client.SignUp(ids[Interlocked.Increment(ref index)]));

        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Created));
        foreach (var id in ids)
        {
            using var response = await host.CreateApiClient().GetAsync($"{Api.Users}/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Parallel_wrong_passwords_lock_the_account_and_never_fail_with_500()
    {
        var id = await host.CreateApiClient().SignUpNew();

        var statuses = await InParallel(client => client.LogIn(id, "not the password"));

        statuses.Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests));
        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "ten failures are more than five in a row");
        using var right = await host.CreateApiClient().LogIn(id);
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the account is locked however the failures interleaved");
    }

    [Fact]
    public async Task Twenty_simultaneous_wrong_passwords_get_at_most_five_password_checks_and_429s_with_Retry_After_for_the_rest()
    {
        var id = await host.CreateApiClient().SignUpNew();

        var answers = await InParallel(20, client => client.LogIn(id, "not the password"));

        answers.Should().NotContain(a => a.Status == HttpStatusCode.InternalServerError);
        answers.Count(a => a.Status == HttpStatusCode.Unauthorized).Should().BeLessThanOrEqualTo(5,
            "only five failures in a row are allowed, so only five passwords may be checked however the guesses race");
        answers.Where(a => a.Status != HttpStatusCode.Unauthorized).Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.TooManyRequests);
            a.RetryAfter.Should().BePositive("a client refused with 429 is told when to retry");
        });
        using var right = await host.CreateApiClient().LogIn(id);
        var problem = await right.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyRequests);
        right.Headers.RetryAfter?.Delta.Should().BePositive();
        problem.GetProperty("detail").GetString().Should().Contain("locked");
    }

    [Fact]
    public async Task Four_simultaneous_wrong_passwords_then_the_right_one_log_in_and_start_the_count_again()
    {
        var id = await host.CreateApiClient().SignUpNew();

        (await InParallel(4, client => client.LogIn(id, "not the password"))).Should()
            .AllSatisfy(a => a.Status.Should().Be(HttpStatusCode.Unauthorized), "four failures are one short of a lockout");
        (await host.CreateApiClient().TokenFor(id)).Should().NotBeNullOrEmpty();

        (await InParallel(4, client => client.LogIn(id, "not the password"))).Should()
            .AllSatisfy(a => a.Status.Should().Be(HttpStatusCode.Unauthorized), "the success set the count back to zero");
        (await host.CreateApiClient().TokenFor(id)).Should().NotBeNullOrEmpty("eight failures split by a success never lock");
    }

    /// <summary>
    /// Each attempt is counted before its password is checked, so at most MaxFailedAttempts (5) checks of one account
    /// run at once; ten simultaneous right-password log-ins may therefore see some "try again in a moment" answers,
    /// depending on how they overlap. None is refused as wrong or locked, every token issued works, and the account
    /// is left unlocked.
    /// </summary>
    [Fact]
    public async Task Parallel_log_ins_with_the_right_password_get_working_tokens_or_a_brief_retry_never_a_lockout()
    {
        var id = await host.CreateApiClient().SignUpNew();
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var retryLater = new System.Collections.Concurrent.ConcurrentBag<string>();

        var statuses = await InParallel(async client =>
        {
            var response = await client.LogIn(id);
            if (response.IsSuccessStatusCode)
            {
                tokens.Add((await response.Json()).GetProperty("accessToken").GetString()!);
            }
            else if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryLater.Add((await response.Json()).GetProperty("detail").GetString()!);
            }

            return response;
        });

        statuses.Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
        statuses.Should().Contain(HttpStatusCode.OK);
        foreach (var detail in retryLater)
        {
            detail.Should().Contain("at once", "a concurrency refusal, not a lockout");
        }

        tokens.Should().HaveCount(statuses.Count(s => s == HttpStatusCode.OK)).And.OnlyHaveUniqueItems();
        foreach (var token in tokens)
        {
            using var me = await host.CreateApiClient(token).GetAsync(Api.MePath);
            me.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await host.CreateApiClient().TokenFor(id)).Should().NotBeNullOrEmpty("the account is not locked afterwards");
    }

    /// <summary>Sends the same kind of request from ten clients at once and checks every error is a problem body.</summary>
    private async Task<List<HttpStatusCode>> InParallel(Func<HttpClient, Task<HttpResponseMessage>> send) =>
        [.. (await InParallel(Parallel, send)).Select(answer => answer.Status)];

    /// <summary>
    /// Sends the same kind of request from this many clients at once, released together, and checks every error
    /// is a problem body; returns each status with its Retry-After seconds, if any.
    /// </summary>
    private async Task<List<(HttpStatusCode Status, int? RetryAfter)>> InParallel(int count, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var clients = Enumerable.Range(0, count).Select(_ => host.CreateApiClient()).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = clients.Select(async client =>
        {
            await go.Task;
            using var response = await send(client);
            if ((int)response.StatusCode >= 400)
            {
                await response.ShouldBeProblem(response.StatusCode);
            }

            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
            return (response.StatusCode, retryAfter);
        }).ToList();
        go.SetResult();
        return [.. await Task.WhenAll(requests)];
    }

    private async Task ShouldBeListedOnce(string id)
    {
        var client = host.CreateApiClient();
        var listed = new List<string>();
        for (var number = 1; ; number++)
        {
            using var response = await client.GetAsync($"/api/users?pageSize=50&page={number}");
            var items = (await response.Json()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            if (items.Count == 0)
            {
                break;
            }

            listed.AddRange(items);
        }

        listed.Where(other => string.Equals(other, id, StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }
}
