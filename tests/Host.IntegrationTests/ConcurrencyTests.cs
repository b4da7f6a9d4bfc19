using System.Net;
using Host.IntegrationTests.Infrastructure;

namespace Host.IntegrationTests;

public sealed class ConcurrencyTests(HostFactory host) : IClassFixture<HostFactory>
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
    public async Task Parallel_log_ins_with_the_right_password_all_get_working_tokens()
    {
        var id = await host.CreateApiClient().SignUpNew();
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();

        var statuses = await InParallel(async client =>
        {
            var response = await client.LogIn(id);
            if (response.IsSuccessStatusCode)
            {
                tokens.Add((await response.Json()).GetProperty("accessToken").GetString()!);
            }

            return response;
        });

        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        tokens.Should().HaveCount(Parallel).And.OnlyHaveUniqueItems();
        using var me = await host.CreateApiClient(tokens.First()).GetAsync(Api.MePath);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Sends the same kind of request from ten clients at once and checks every error is a problem body.</summary>
    private async Task<List<HttpStatusCode>> InParallel(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var clients = Enumerable.Range(0, Parallel).Select(_ => host.CreateApiClient()).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = clients.Select(async client =>
        {
            await go.Task;
            using var response = await send(client);
            if ((int)response.StatusCode >= 400)
            {
                await response.ShouldBeProblem(response.StatusCode);
            }

            return response.StatusCode;
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
