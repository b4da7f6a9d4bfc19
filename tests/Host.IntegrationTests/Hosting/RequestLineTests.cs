using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Host.IntegrationTests.Hosting;

/// <summary>Every request the Host serves is one log line with module, user, status, duration and trace id.</summary>
public sealed class RequestLineTests
{
    private const string RequestLogger = "Serilog.AspNetCore.RequestLoggingMiddleware";

    [Fact]
    public async Task A_signed_in_post_is_one_line_naming_the_module_the_user_the_status_the_duration_and_the_callers_trace()
    {
        await using var host = new LoggedHost();
        var (userId, token, _) = await host.SignedInUser();
        var client = host.CreateApiClient();
        var traceId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tweets")
        {
            Content = new StringContent("""{"text":"one line per request"}""", new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("traceparent", $"00-{traceId}-{Guid.NewGuid().ToString("N")[..16]}-01");

        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);

        var line = (await host.LinesWhere(e => e.TraceId?.ToHexString() == traceId && Property(e, "SourceContext") == RequestLogger))
            .Should().ContainSingle().Subject;
        line.Level.Should().Be(LogEventLevel.Information);
        Property(line, "RequestMethod").Should().Be("POST");
        Property(line, "RequestPath").Should().Be("/api/tweets");
        Property(line, "StatusCode").Should().Be("201");
        Property(line, "Module").Should().Be("Tweets");
        Property(line, "UserId").Should().Be(userId);
        double.Parse(Property(line, "Elapsed")!, CultureInfo.InvariantCulture).Should().BePositive();
        Console(line).Should().MatchRegex(@"^HTTP POST /api/tweets responded 201 in \d+\.\d ms$");
    }

    [Fact]
    public async Task An_anonymous_request_outside_any_module_is_logged_as_the_Hosts_with_no_user()
    {
        await using var host = new LoggedHost();
        var client = host.CreateApiClient();
        var path = $"/nowhere/{Guid.NewGuid():N}";

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);

        var line = (await host.LinesWhere(e => Property(e, "RequestPath") == path)).Should().ContainSingle().Subject;
        Property(line, "Module").Should().Be("Host");
        Property(line, "StatusCode").Should().Be("404");
        line.Properties.Should().NotContainKey("UserId");
        line.TraceId.Should().NotBeNull();
    }

    /// <summary>The message as the console shows it (strings unquoted).</summary>
    private static string Console(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new MessageTemplateTextFormatter("{Message:lj}", CultureInfo.InvariantCulture).Format(logEvent, text);
        return text.ToString();
    }

    private static string? Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) ? (value as ScalarValue)?.Value?.ToString() : null;

    /// <summary>A Host whose Serilog events are also kept in memory, through a sink registered as a service.</summary>
    private sealed class LoggedHost : HostFactory
    {
        private readonly Captured captured = new();

        /// <summary>
        /// The events matching <paramref name="match"/> once there are any (the request line is written as the response
        /// completes, so it may follow the client's answer by a moment), then a little longer to catch a second one.
        /// </summary>
        public async Task<IReadOnlyList<LogEvent>> LinesWhere(Func<LogEvent, bool> match)
        {
            for (var waited = 0; waited < 100 && !captured.Events.Any(match); waited++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(100);
            return [.. captured.Events.Where(match)];
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(captured));
        }

        private sealed class Captured : ILogEventSink
        {
            public ConcurrentQueue<LogEvent> Events { get; } = new();

            public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
        }
    }
}
