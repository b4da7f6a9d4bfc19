namespace Host.IntegrationTests.Logging;

/// <summary>
/// Loopback is trusted (the lecture's set-up) and a key is configured: the set-up a reverse proxy on the same
/// machine would turn into an open door, since every client would then connect from 127.0.0.1.
/// </summary>
public sealed class LoopbackWithKeyHost : LoggingHost
{
    public const string Key = "proxy-ingestion-key";

    public LoopbackWithKeyHost() => With("Modules:Logging:Ingestion:Key", Key);
}

public sealed class ProxiedIngestionTests(LoopbackWithKeyHost host) : IClassFixture<LoopbackWithKeyHost>
{
    public static TheoryData<string, string> ForwardingHeaders => new()
    {
        { "X-Forwarded-For", "203.0.113.9" },
        { "X-Forwarded-Host", "logs.example.com" },
        { "Forwarded", "for=203.0.113.9;proto=https" },
    };

    [Theory]
    [MemberData(nameof(ForwardingHeaders))]
    public async Task A_request_a_proxy_forwarded_from_loopback_needs_the_key(string header, string value)
    {
        var module = LoggingApi.Unique("proxied");
        using var request = Request(module, (header, value));

        using var response = await host.Sender.SendAsync(request);

        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain(LoggingApi.KeyHeader);
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ForwardingHeaders))]
    public async Task A_request_a_proxy_forwarded_from_loopback_with_the_key_is_accepted(string header, string value)
    {
        var module = LoggingApi.Unique("proxied_key");
        using var request = Request(module, (header, value), (LoggingApi.KeyHeader, LoopbackWithKeyHost.Key));

        using var response = await host.Sender.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1, 127.0.0.1")]
    public async Task A_request_the_front_door_forwarded_for_a_client_on_this_machine_needs_no_key(string forwardedFor)
    {
        var module = LoggingApi.Unique("front_door");
        using var request = Request(module, ("X-Forwarded-For", forwardedFor), ("X-Forwarded-Host", "127.0.0.1:5000"));

        using var response = await host.Sender.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("127.0.0.1, 203.0.113.9")]
    [InlineData("203.0.113.9, 127.0.0.1")]
    [InlineData("not-an-address")]
    public async Task A_forwarded_request_naming_any_client_off_this_machine_needs_the_key(string forwardedFor)
    {
        var module = LoggingApi.Unique("front_door_remote");
        using var request = Request(module, ("X-Forwarded-For", forwardedFor));

        using var response = await host.Sender.SendAsync(request);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_from_loopback_without_forwarding_headers_needs_no_key()
    {
        var module = LoggingApi.Unique("direct");

        await host.Sender.Store(LoggingApi.Record(module: module));

        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("198.51.100.7, 203.0.113.9", "203.0.113.9")]
    [InlineData("203.0.113.9, ::1", "203.0.113.9")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("not-an-address, ::1", "::1")]
    public async Task A_lecture_record_without_an_ip_gets_the_client_the_proxies_on_this_machine_name(string forwardedFor, string client)
    {
        // Hops are read from the right while the one passing the request on is this machine (the front door); the
        // leftmost entries were written by whoever sent the request and are not believed.
        var module = LoggingApi.Unique("proxied_ip");
        using var request = new HttpRequestMessage(HttpMethod.Post, LoggingApi.LegacyLog)
        {
            Content = new StringContent(new { originalUrl = "/p", module }.ToJson(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor).Should().BeTrue();
        request.Headers.TryAddWithoutValidation(LoggingApi.KeyHeader, LoopbackWithKeyHost.Key).Should().BeTrue();

        using var response = await host.Sender.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle().Which.GetProperty("ip").GetString().Should().Be(client);
    }

    private static HttpRequestMessage Request(string module, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LoggingApi.Logs)
        {
            Content = new StringContent(LoggingApi.Record(module: module).ToJson(), System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value).Should().BeTrue();
        }

        return request;
    }
}
