using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// Walks every operation of the Host's OpenAPI document and sends each a generated set of hostile requests
/// (docs/adr/0029). Whatever comes in, the answer is never a 5xx, every error is problem details with a type, no body
/// gives away internals, and the Host still works afterwards.
/// </summary>
public sealed class HostileInputSuite(HostileHost host, ITestOutputHelper output) : IClassFixture<HostileHost>
{
    private const int MinimumCases = 1000;

    // Modest: the suite runs in CI on two cores beside other tests.
    private const int Concurrency = 4;

    /// <summary>Text that only the server's insides would produce: stack traces, exception names, file paths, SQL.</summary>
    private static readonly string[] Internals =
    [
        "System.", "Exception", "   at ", ".cs:line", "/home/", "/tmp/", "/usr/", "C:\\", "SQLite", "SELECT ", "INSERT INTO", "Microsoft.",
    ];

    [Fact]
    public async Task No_hostile_request_gets_a_5xx_an_error_without_problem_details_or_a_glimpse_of_internals()
    {
        var clock = Stopwatch.StartNew();
        var (userId, token, _) = await host.SignedInUser(host.AdminId);
        var operations = ApiOperation.AllIn(await OpenApiDocument());
        var generator = new HostileCases(token, userId, ForgedTokens.All(host.DataPath));
        var cases = operations.SelectMany(generator.For).ToList();
        cases.Count.Should().BeGreaterThanOrEqualTo(MinimumCases);

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<(string Operation, int Status), int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (hostile, _) =>
        {
            var (status, problem) = await Send(hostile);
            statuses.AddOrUpdate((hostile.Operation, status), 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Add($"{hostile} -> {status}: {problem}");
            }
        });

        await StillHealthy();
        Summarise(operations, cases, statuses, clock.Elapsed);
        failures.Should().BeEmpty("every hostile request must get a 4xx problem or a success, and nothing internal");
    }

    private async Task<JsonElement> OpenApiDocument()
    {
        using var response = await host.CreateApiClient().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the suite reads the endpoints from the OpenAPI document, served in Development");
        return await response.Json();
    }

    /// <summary>The status, and what is wrong with the answer (null when nothing is). -1 is a connection the server closed.</summary>
    private async Task<(int Status, string? Problem)> Send(HostileCase hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Url);
        request.Headers.Add(ExceptionRecorder.CaseHeader, hostile.Id);
        if (hostile.Token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + hostile.Token);
        }

        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }

            // A body over the limit is refused on its declared length; waiting for "100 Continue" keeps the client
            // from still writing it when the server answers and closes.
            request.Headers.ExpectContinue = hostile.Body.Length > 512 * 1024;
        }

        HttpResponseMessage response;
        try
        {
            response = await host.CreateApiClient().SendAsync(request);
        }
        catch (HttpRequestException) when (hostile.Body is { Length: > 512 * 1024 })
        {
            return (-1, null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            return (status, Judge(hostile, response, status, body));
        }
    }

    private string? Judge(HostileCase hostile, HttpResponseMessage response, int status, string body)
    {
        if (status >= 500)
        {
            return $"a server error; the Host caught {host.Exceptions.For(hostile.Id) ?? "no exception"}; body {Shorten(body)}";
        }

        if (Internals.FirstOrDefault(i => body.Contains(i, StringComparison.Ordinal)) is { } leak)
        {
            return $"the body contains '{leak}': {Shorten(body)}";
        }

        if (status < 400 || IsKestrelRefusal(response, status, body))
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"an error of type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}, not problem details: {Shorten(body)}";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 }
                ? null
                : $"a problem without a type: {Shorten(body)}";
        }
        catch (JsonException)
        {
            return $"a problem body that is not JSON: {Shorten(body)}";
        }
    }

    /// <summary>
    /// Kestrel refuses a request line it cannot accept (a path that decodes to NUL) before any of the app runs: an
    /// empty 400 that closes the connection. The app never sees it, so it cannot write problem details for it.
    /// </summary>
    private static bool IsKestrelRefusal(HttpResponseMessage response, int status, string body) =>
        status == 400 && body.Length == 0 && response.Headers.ConnectionClose == true;

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "..." : body;

    /// <summary>After all that, the Host is ready and an ordinary user can still sign up and post.</summary>
    private async Task StillHealthy()
    {
        using var ready = await host.CreateApiClient().GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        var (_, _, client) = await host.SignedInUser();
        await client.PostTweet("Still standing after the hostile input suite");
    }

    private void Summarise(IReadOnlyList<ApiOperation> operations, List<HostileCase> cases,
        ConcurrentDictionary<(string Operation, int Status), int> statuses, TimeSpan elapsed)
    {
        output.WriteLine($"{cases.Count} hostile cases over {operations.Count} operations in {elapsed.TotalSeconds:0.0} s");
        foreach (var operation in cases.GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var seen = statuses.Where(s => s.Key.Operation == operation.Key).OrderBy(s => s.Key.Status)
                .Select(s => $"{(s.Key.Status < 0 ? "closed" : s.Key.Status)}x{s.Value}");
            output.WriteLine($"  {operation.Key,-50} {operation.Count(),5} cases  {string.Join(' ', seen)}");
        }

        var overall = statuses.GroupBy(s => s.Key.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Sum(s => s.Value)}");
        output.WriteLine($"statuses: {string.Join(' ', overall)}");
    }
}
