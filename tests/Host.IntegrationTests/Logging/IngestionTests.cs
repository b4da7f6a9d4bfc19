namespace Host.IntegrationTests.Logging;

/// <summary>POST /api/logs: one record or a batch, stored once per id, read back through /api/logs/records.</summary>
public sealed class IngestionTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Fact]
    public async Task A_single_record_is_stored_with_every_field_and_read_back()
    {
        var module = LoggingApi.Unique("single");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var record = new
        {
            id = LoggingApi.Unique("rec"),
            timestamp = at.ToString("O"),
            method = "post",
            path = "/api/tweets",
            status = 201,
            durationMs = 42.25,
            userId = "alice",
            ip = "203.0.113.7",
            module,
            traceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };

        using var response = await host.Sender.PostLogs(record);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await response.Json();
        answer.GetProperty("stored").GetInt32().Should().Be(1);
        answer.GetProperty("alreadyStored").GetInt32().Should().Be(0);
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("id").GetString().Should().Be(record.id);
        stored.GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(at, TimeSpan.FromMilliseconds(1));
        stored.GetProperty("method").GetString().Should().Be("POST", "methods are stored in upper case so they group together");
        stored.GetProperty("path").GetString().Should().Be("/api/tweets");
        stored.GetProperty("status").GetInt32().Should().Be(201);
        stored.GetProperty("durationMs").GetDouble().Should().Be(42.25);
        stored.GetProperty("userId").GetString().Should().Be("alice");
        stored.GetProperty("ip").GetString().Should().Be("203.0.113.7");
        stored.GetProperty("module").GetString().Should().Be(module);
        stored.GetProperty("traceId").GetString().Should().Be(record.traceId);
        stored.GetProperty("source").GetString().Should().Be("api");
        stored.GetProperty("extra").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_batch_is_stored_in_one_request()
    {
        var module = LoggingApi.Unique("batch");
        var records = Enumerable.Range(0, 250).Select(i => LoggingApi.Record($"/p/{i % 7}", module: module)).ToArray();

        using var response = await host.Sender.PostLogs(records);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Json()).GetProperty("stored").GetInt32().Should().Be(250);
        (await host.Admin.RecordsOf(module)).Should().HaveCount(250);
    }

    [Fact]
    public async Task A_record_without_id_or_timestamp_gets_a_new_id_and_the_current_time()
    {
        var module = LoggingApi.Unique("defaults");

        await host.Sender.Store(LoggingApi.Record(module: module), LoggingApi.Record(module: module));

        var stored = await host.Admin.RecordsOf(module);
        stored.Select(r => r.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        stored.Should().OnlyContain(r => (host.Clock.GetUtcNow() - r.GetProperty("timestamp").GetDateTimeOffset()).Duration() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Resending_records_with_the_same_ids_stores_each_once()
    {
        var module = LoggingApi.Unique("resend");
        var first = LoggingApi.Record(module: module, id: LoggingApi.Unique("id"));
        var second = LoggingApi.Record(module: module, id: LoggingApi.Unique("id"));
        await host.Sender.Store(first);

        using var resend = await host.Sender.PostLogs(new[] { first, second, second });

        var answer = await resend.Json();
        answer.GetProperty("stored").GetInt32().Should().Be(1);
        answer.GetProperty("alreadyStored").GetInt32().Should().Be(2);
        (await host.Admin.RecordsOf(module)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_url_is_taken_as_the_path_without_its_query_string()
    {
        var module = LoggingApi.Unique("url");

        await host.Sender.Store(
            new { method = "GET", url = "https://example.com/api/users/me?token=secret#top", status = 200, durationMs = 1, module },
            new { method = "GET", url = "/search?q=hello", status = 200, durationMs = 1, module });

        var paths = (await host.Admin.RecordsOf(module)).Select(r => r.GetProperty("path").GetString());
        paths.Should().BeEquivalentTo("/api/users/me", "/search");
    }

    [Fact]
    public async Task Unknown_fields_are_kept_as_sent_in_extra()
    {
        var module = LoggingApi.Unique("extra");

        await host.Sender.Store(new
        {
            method = "GET",
            path = "/a",
            status = 200,
            durationMs = 3,
            module,
            userAgent = "curl/8.5",
            region = new { name = "eu", zones = new[] { 1, 2 } },
            bytes = 512,
        });

        var extra = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject.GetProperty("extra");
        extra.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("userAgent", "region", "bytes");
        extra.GetProperty("userAgent").GetString().Should().Be("curl/8.5");
        extra.GetProperty("region").GetProperty("zones")[1].GetInt32().Should().Be(2);
        extra.GetProperty("bytes").GetInt32().Should().Be(512);
    }

    [Fact]
    public async Task Known_field_names_match_in_any_casing_and_null_optional_fields_are_left_empty()
    {
        var module = LoggingApi.Unique("casing");

        await host.Sender.Store(new Dictionary<string, object?>
        {
            ["Method"] = "GET",
            ["PATH"] = "/cased",
            ["Status"] = 204,
            ["DurationMS"] = 0,
            ["Module"] = module,
            ["userId"] = null,
            ["timestamp"] = null,
        });

        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("path").GetString().Should().Be("/cased");
        stored.GetProperty("status").GetInt32().Should().Be(204);
        stored.GetProperty("userId").ValueKind.Should().Be(JsonValueKind.Null);
        stored.GetProperty("extra").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Ingestion_needs_no_user_token_but_accepts_one()
    {
        var module = LoggingApi.Unique("token");
        var (_, _, signedIn) = await host.SignedInUser();

        await signedIn.Store(LoggingApi.Record(module: module));

        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }
}
