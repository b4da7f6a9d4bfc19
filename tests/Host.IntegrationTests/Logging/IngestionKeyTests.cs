namespace Host.IntegrationTests.Logging;

/// <summary>
/// Loopback stands in for "another machine" here: with AllowLoopback off, a test client is treated like any
/// client on the network and needs the ingestion key.
/// </summary>
public sealed class KeyedIngestionHost : LoggingHost
{
    public const string Key = "s3cret-ingestion-key";

    public KeyedIngestionHost()
    {
        With("Modules:Logging:Ingestion:AllowLoopback", "false");
        With("Modules:Logging:Ingestion:Key", Key);
    }
}

public sealed class IngestionKeyTests(KeyedIngestionHost host) : IClassFixture<KeyedIngestionHost>
{
    public static TheoryData<string> IngestionPaths => [LoggingApi.Logs, LoggingApi.LegacyLog];

    [Theory]
    [MemberData(nameof(IngestionPaths))]
    public async Task Without_the_key_ingestion_is_refused_with_a_message_naming_the_header(string path)
    {
        using var response = await host.Sender.PostRaw(path, Body(path, LoggingApi.Unique("nokey")));

        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain(LoggingApi.KeyHeader);
    }

    [Theory]
    [MemberData(nameof(IngestionPaths))]
    public async Task With_a_wrong_key_ingestion_is_refused(string path)
    {
        foreach (var wrong in new[] { "wrong", KeyedIngestionHost.Key + "x", KeyedIngestionHost.Key[..^1], KeyedIngestionHost.Key.ToUpperInvariant() })
        {
            using var request = Request(path, Body(path, LoggingApi.Unique("wrongkey")), wrong);
            using var response = await host.Sender.SendAsync(request);

            await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }
    }

    [Theory]
    [MemberData(nameof(IngestionPaths))]
    public async Task With_the_right_key_ingestion_is_accepted(string path)
    {
        var module = LoggingApi.Unique("rightkey");
        using var request = Request(path, Body(path, module), KeyedIngestionHost.Key);

        using var response = await host.Sender.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Fact]
    public async Task The_key_is_checked_before_the_body_is_read()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, "{ not json");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_user_token_does_not_replace_the_key()
    {
        var (_, _, signedIn) = await host.SignedInUser();

        using var response = await signedIn.PostLogs(LoggingApi.Record());

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private static string Body(string path, string module) => path == LoggingApi.LegacyLog
        ? new { ip = "198.51.100.4", originalUrl = "/keyed", userID = "k", module }.ToJson()
        : LoggingApi.Record(module: module).ToJson();

    private static HttpRequestMessage Request(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(LoggingApi.KeyHeader, key);
        return request;
    }
}

/// <summary>With loopback off and no key configured, nobody may send logs.</summary>
public sealed class ClosedIngestionTests : IAsyncLifetime
{
    private readonly LoggingHost host = new();

    public Task InitializeAsync()
    {
        host.With("Modules:Logging:Ingestion:AllowLoopback", "false");
        return host.InitializeAsync();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Every_sender_is_refused_even_with_a_key_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LoggingApi.Logs) { Content = JsonContent(LoggingApi.Record()) };
        request.Headers.Add(LoggingApi.KeyHeader, "");

        using var withEmptyKey = await host.Sender.SendAsync(request);
        using var without = await host.Sender.PostLogs(LoggingApi.Record());

        await withEmptyKey.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await without.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private static StringContent JsonContent(object value) => new(value.ToJson(), System.Text.Encoding.UTF8, "application/json");
}
