namespace Extraction.Tests.Contracts;

/// <summary>
/// A contract hop that takes longer than its timeout ends in the timeout's problem details, not a hang. Users runs in
/// its extracted service and every remote call to it is delayed 3 s (fault injection on the Host), against a 1 s
/// timeout. The observable: a Tweets user page for an account Tweets has not heard of asks Users
/// (<c>GetUserSummaries</c>) whether it exists, and the answer to the client is what that question ended in.
/// </summary>
public sealed class ContractTimeoutTests(ITestOutputHelper output)
{
    private const string Timeout = "urn:problem:module-timeout";

    [Fact]
    public async Task A_contract_call_slower_than_its_timeout_answers_504_with_the_timeout_problem()
    {
        await using var deployment = new Deployment("Users");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            var client = deployment.Client();
            using (var posted = await deployment.Admin.PostAsJsonAsync("/api/tweets", new { text = "before the slowness" }))
            {
                posted.StatusCode.Should().Be(HttpStatusCode.Created);
            }

            await deployment.Route(("Users:Mode", "Remote"));
            var unknown = "g" + Guid.NewGuid().ToString("N")[..8];
            var (status, problem) = await Stats(client, unknown + "_1");
            status.Should().Be(HttpStatusCode.NotFound, "without faults, the extracted Users answers that there is no such account: {0}", problem);

            var slow = new[]
            {
                ("Users:Mode", "Remote"),
                ("Users:Remote:Timeout", "00:00:01"),
                // One attempt per hop: retries (tested in ModuleKit.Tests) would only repeat the same timeout.
                ("Users:Remote:QueryRetries", "0"),
                ("Users:Faults:Remote:Latency", "00:00:03"),
                ("Users:Faults:Remote:LatencyRate", "1"),
            };
            // Fallback off is written in the same file as the faults: once the Host shows it, the faults are in force too.
            await deployment.Route([.. slow, ("Users:Fallback", "false")]);
            var before = await deployment.Module("Users");

            (status, problem) = await Stats(client, unknown + "_2");
            status.Should().Be(HttpStatusCode.GatewayTimeout, "the Users hop times out: {0}", problem);
            problem.GetProperty("type").GetString().Should().Be(Timeout);
            problem.GetProperty("detail").GetString().Should().Contain("Modules:Users:Remote:Timeout");
            problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
            var after = await deployment.Module("Users");
            after.Traffic.Remote.Errors.Should().BeGreaterThan(before.Traffic.Remote.Errors, "the Host counts the timed-out hop as a failed remote call");

            // Timelines only decorate tweets with names from Users: they still answer, with ids for names.
            using (var timeline = await client.GetAsync(new Uri("/api/tweets?limit=1", UriKind.Relative)))
            {
                var body = await timeline.Content.ReadAsStringAsync();
                timeline.StatusCode.Should().Be(HttpStatusCode.OK, body);
                var author = JsonDocument.Parse(body).RootElement.GetProperty("items")[0].GetProperty("author");
                author.GetProperty("displayName").GetString().Should().Be(author.GetProperty("id").GetString(), "names are unavailable: {0}", body);
            }

            // With fallback on, the same slow query is answered by the in-process copy once the remote attempts time out.
            await deployment.Route([.. slow, ("Users:Fallback", "true")]);
            (status, problem) = await Stats(client, unknown + "_3");
            status.Should().Be(HttpStatusCode.NotFound, "the in-process Users answers in place of the slow one: {0}", problem);
        });
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> Stats(HttpClient client, string user)
    {
        using var response = await client.GetAsync(new Uri($"/api/tweets/users/{user}/stats", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
