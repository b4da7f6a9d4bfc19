namespace Extraction.Tests.Tracing;

/// <summary>
/// With export off (no OTLP endpoint) one request is still one trace id in every process's log lines. Tweets runs in
/// its extracted service with fallback off, so each hop crosses processes: the caller's <c>traceparent</c> reaches the
/// Host, the front door carries it to the Tweets service, the contract call Tweets makes to Users (in the Host) carries
/// it back, and an event a request raises in the Host is delivered to the Tweets service under that request's trace.
/// The caller is this test process, with no OpenTelemetry in it: the ids are the ones it chose.
/// </summary>
public sealed class TraceContextTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_callers_trace_id_is_in_the_log_lines_of_every_process_its_request_and_its_events_reach()
    {
        await using var deployment = new Deployment("Tweets");
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"));
            var client = deployment.Client();
            var host = deployment.Host;
            var tweets = deployment.Service("Tweets");

            // An account Tweets has not heard of: Tweets asks Users whether it exists before answering 404.
            var user = "t" + Guid.NewGuid().ToString("N")[..8];
            var stats = $"/api/tweets/users/{user}/stats";
            var statsTrace = NewTraceId();
            using (var request = Traced(HttpMethod.Get, stats, statsTrace))
            using (var response = await client.SendAsync(request))
            {
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, body);
                JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString()
                    .Should().Be(statsTrace, "the extracted service answered within the caller's trace");
            }

            await Logged(host, $"GET {stats} responded 404", statsTrace, "the front door, as the caller sent it");
            await Logged(tweets, $"GET {stats} responded 404", statsTrace, "the Tweets service, forwarded by the front door");
            await Logged(host, "POST /internal/contracts/", statsTrace, "the Host, serving the contract call from the Tweets service");

            // Users, in the Host, raises UserRegistered; the Host's outbox delivers it to Tweets' inbox in the service.
            var signUpTrace = NewTraceId();
            using (var request = Traced(HttpMethod.Post, "/api/users", signUpTrace))
            {
                request.Content = JsonContent.Create(new { id = user, password = Deployment.Password, displayName = "Traced" });
                using var response = await client.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }

            await Logged(host, "POST /api/users responded 201", signUpTrace, "the Host, as the caller sent it");
            await Logged(tweets, "POST /internal/events/Tweets responded 204", signUpTrace, "the Tweets service, delivering the sign-up's event");
            Lines(tweets, "/internal/events/", statsTrace).Should().BeEmpty("each request's work stays in its own trace");
        });
    }

    private static string NewTraceId() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage Traced(HttpMethod method, string path, string traceId)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{Guid.NewGuid().ToString("N")[..16]}-01");
        return request;
    }

    /// <summary>Waits for a line of the process's log with both texts (logs are written asynchronously).</summary>
    private static Task Logged(ModuleProcess process, string text, string traceId, string where) =>
        Eventually.Until(
            () => Lines(process, text, traceId).Count > 0,
            $"{process.Name} logs a line with '{text}' under trace {traceId}: {where}",
            () => string.Join('\n', process.Log().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal))),
            within: TimeSpan.FromSeconds(20));

    private static List<string> Lines(ModuleProcess process, string text, string traceId) =>
        [.. process.Log().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal) && l.Contains(traceId, StringComparison.Ordinal))];
}
