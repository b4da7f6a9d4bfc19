using System.Text;

namespace Extraction.Tests.Tracing;

/// <summary>
/// With an OTLP endpoint configured, one request is one trace of spans across processes. Tweets and Users both run
/// extracted (fallback off, so nothing is served in the Host's copies): a home-timeline request goes through the front
/// door to the Tweets service, whose contract call for the authors' names goes back through the Host to the Users
/// service; a sign-up's event reaches the Tweets service's inbox in the sign-up's trace. The spans are received by a
/// loopback OTLP/HTTP receiver in this test and put together by their parent ids.
/// </summary>
public sealed class SpanTreeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_home_timeline_request_is_one_span_tree_across_the_front_door_the_Tweets_service_and_the_Users_service()
    {
        using var otlp = new OtlpReceiver();
        var shape = DeploymentShape.OneEach("Tweets", "Users") with
        {
            Settings = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            },
        };
        await using var deployment = new Deployment(shape);
        await deployment.Run(output, async () =>
        {
            await deployment.Start();
            await deployment.Route(("Tweets:Mode", "Remote"), ("Tweets:Fallback", "false"), ("Users:Mode", "Remote"), ("Users:Fallback", "false"));

            var user = "s" + Guid.NewGuid().ToString("N")[..8];
            var signUpTrace = NewTraceId();
            var anonymous = deployment.Client();
            using (var request = Traced(HttpMethod.Post, "/api/users", signUpTrace))
            {
                request.Content = JsonContent.Create(new { id = user, password = Deployment.Password, displayName = "Traced" });
                using var response = await anonymous.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }

            var client = deployment.Client(await anonymous.LogIn(user));
            using (var posted = await client.PostAsJsonAsync("/api/tweets", new { text = "traced" }))
            {
                posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
            }

            var homeTrace = NewTraceId();
            using (var request = Traced(HttpMethod.Get, "/api/tweets/home?limit=5", homeTrace))
            using (var response = await client.SendAsync(request))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }

            // The Users service's span for the names is the deepest server span; wait until its whole chain is in.
            ExportedSpan? names = null;
            await Eventually.Until(
                () => (names = otlp.Trace(homeTrace).FirstOrDefault(s => s.Service == "Users.Service" && s.IsServer && Path(s).Contains("/internal/contracts/"))) is not null
                    && Ancestors(otlp.Trace(homeTrace), names).Any(a => a.Service == "Monolith.Host" && a.IsServer && Path(a).StartsWith("/api/tweets/home", StringComparison.Ordinal)),
                "the home timeline's spans reach from the front door to the Users service",
                () => Tree(otlp.Trace(homeTrace)));

            var spans = otlp.Trace(homeTrace);
            output.WriteLine($"trace {homeTrace}:\n{Tree(spans)}");
            var chain = Ancestors(spans, names!).Reverse().Append(names!).Where(s => s.IsServer).Select(s => $"{s.Service} {Path(s)}").ToList();
            chain.Should().HaveCount(4, "the front door, the Tweets service, the Host's contract endpoint and the Users service each served one part");
            chain[0].Should().Be("Monolith.Host /api/tweets/home");
            chain[1].Should().Be("Tweets.Service /api/tweets/home");
            chain[2].Should().StartWith("Monolith.Host /internal/contracts/");
            chain[3].Should().StartWith("Users.Service /internal/contracts/");
            spans.Where(s => s.ParentId is not null && spans.All(p => p.SpanId != s.ParentId)).Select(s => s.ParentId).Distinct()
                .Should().Equal([CallerSpan], "every span hangs off another span of the trace, or off the caller's own");

            // The sign-up's UserRegistered event is delivered to the Tweets service's inbox within the sign-up's trace.
            await Eventually.Until(
                () => otlp.Trace(signUpTrace).Any(s => s.Service == "Tweets.Service" && s.IsServer && Path(s).StartsWith("/internal/events/", StringComparison.Ordinal)),
                "the sign-up's event reaches the Tweets service in the sign-up's trace",
                () => Tree(otlp.Trace(signUpTrace)));
            output.WriteLine($"trace {signUpTrace}:\n{Tree(otlp.Trace(signUpTrace))}");
        });
    }

    private const string CallerSpan = "00f067aa0ba902b7";

    private static string NewTraceId() => Guid.NewGuid().ToString("N");

    private static HttpRequestMessage Traced(HttpMethod method, string path, string traceId)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{CallerSpan}-01");
        return request;
    }

    private static string Path(ExportedSpan span) => span.Attributes.GetValueOrDefault("url.path") ?? string.Empty;

    private static IEnumerable<ExportedSpan> Ancestors(IReadOnlyList<ExportedSpan> spans, ExportedSpan span)
    {
        for (var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentId); parent is not null; parent = spans.FirstOrDefault(s => s.SpanId == parent.ParentId))
        {
            yield return parent;
        }
    }

    private static string Tree(IReadOnlyList<ExportedSpan> spans)
    {
        var text = new StringBuilder();
        void Write(ExportedSpan span, int depth)
        {
            text.Append(' ', depth * 2).Append($"{span.Service}: {span.Name}").AppendLine(Path(span) is { Length: > 0 } path && !span.Name.Contains(path, StringComparison.Ordinal) ? $" ({path})" : string.Empty);
            foreach (var child in spans.Where(s => s.ParentId == span.SpanId))
            {
                Write(child, depth + 1);
            }
        }

        foreach (var root in spans.Where(s => spans.All(p => p.SpanId != s.ParentId)))
        {
            Write(root, 0);
        }

        return text.ToString();
    }
}
