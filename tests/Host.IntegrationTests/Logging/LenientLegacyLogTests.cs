using System.Net.Http.Headers;
using System.Text;

namespace Host.IntegrationTests.Logging;

/// <summary>
/// POST /log takes what the lecture's Express service took: any JSON object, also labelled text/plain or sent as a
/// form. Only a body that is not an object (or an array of them) or not JSON at all is refused. docs/adr/0028.
/// </summary>
public sealed class LenientLegacyLogTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task The_lectures_own_example_body_is_stored_with_its_numeric_user_and_the_clients_address()
    {
        // Exactly as the lecture sends it: no ip, a numeric user, req a string. No other test of this Host uses "test".
        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog, """{"originalUrl":"test","req":"test","user":123}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = (await Records(("path", "test"))).Should().ContainSingle().Subject;
        stored.GetProperty("url").GetString().Should().Be("test");
        stored.GetProperty("userId").GetString().Should().Be("123");
        stored.GetProperty("ip").GetString().Should().Be("127.0.0.1");
        stored.GetProperty("source").GetString().Should().Be("legacy");
        stored.GetProperty("extra").GetProperty("req").GetString().Should().Be("test");
        stored.GetProperty("extra").GetProperty("user").GetInt32().Should().Be(123);
    }

    [Fact]
    public async Task The_lectures_full_example_body_is_stored_with_its_whole_url()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog,
            """{"ip":"203.0.113.7","originalUrl":"/home?tab=1","userID":"alice","req":{"headers":{"user-agent":"curl"}}}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = (await Records(("path", "/home"), ("userId", "alice"))).Should().ContainSingle().Subject;
        stored.GetProperty("url").GetString().Should().Be("/home?tab=1");
        stored.GetProperty("ip").GetString().Should().Be("203.0.113.7");
        stored.GetProperty("extra").GetProperty("req").GetProperty("headers").GetProperty("user-agent").GetString().Should().Be("curl");
    }

    [Fact]
    public async Task A_user_that_is_an_object_is_kept_as_sent_with_a_text_form_to_group_by()
    {
        var module = LoggingApi.Unique("legacy_user_object");

        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog,
            $$"""{"originalUrl":"/p","user":{"id":7,"name":"Ann"},"module":"{{module}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("userId").GetString().Should().Be("""{"id":7,"name":"Ann"}""");
        stored.GetProperty("extra").GetProperty("user").GetProperty("id").GetInt32().Should().Be(7);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[\"a\",1]")]
    [InlineData("\"\"")]
    public async Task Fields_of_any_JSON_type_are_accepted(string value)
    {
        var module = LoggingApi.Unique("legacy_any");
        var body = $$"""
            {"originalUrl":{{value}},"ip":{{value}},"userID":{{value}},"req":{{value}},"status":{{value}},"durationMs":{{value}},
             "method":{{value}},"timestamp":{{value}},"id":{{value}},"traceId":{{value}},"module":"{{module}}"}
            """;

        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog, body);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_form_is_a_record_and_a_field_sent_twice_is_an_array()
    {
        var module = LoggingApi.Unique("legacy_form");

        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog,
            $"originalUrl=%2Ftweets%3Fpage%3D2&user=123&module={module}&tag=a&tag=b", Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = (await host.Admin.RecordsOf(module)).Should().ContainSingle().Subject;
        stored.GetProperty("path").GetString().Should().Be("/tweets");
        stored.GetProperty("url").GetString().Should().Be("/tweets?page=2");
        stored.GetProperty("userId").GetString().Should().Be("123");
        stored.GetProperty("ip").GetString().Should().Be("127.0.0.1");
        stored.GetProperty("extra").GetProperty("tag").EnumerateArray().Select(t => t.GetString()).Should().Equal("a", "b");
    }

    [Fact]
    public async Task JSON_sent_as_text_plain_is_read_as_JSON()
    {
        var module = LoggingApi.Unique("legacy_text");

        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog,
            $$"""{"originalUrl":"/t","user":5,"module":"{{module}}"}""", "text/plain");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle().Which.GetProperty("userId").GetString().Should().Be("5");
    }

    [Fact]
    public async Task A_url_is_stored_whole_and_analysis_groups_it_by_its_path()
    {
        var module = LoggingApi.Unique("legacy_query");
        var hour = LoggingApi.NewHour();

        using var response = await host.Sender.PostLegacyLog(new object[]
        {
            new { originalUrl = "/tweets?page=2", timestamp = hour, module },
            new { originalUrl = "/tweets?page=3", timestamp = hour.AddMinutes(1), module },
            new { originalUrl = "/tweets", timestamp = hour.AddMinutes(2), module },
            new { originalUrl = "/about?x=1", timestamp = hour.AddMinutes(3), module },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = await host.Admin.RecordsOf(module, hour);
        stored.Select(r => (r.GetProperty("path").GetString(), r.GetProperty("url").GetString())).Should().Equal(
            ("/about", "/about?x=1"), ("/tweets", "/tweets"), ("/tweets", "/tweets?page=3"), ("/tweets", "/tweets?page=2"));
        var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "path"), .. LoggingApi.Hour(hour)]));
        stats.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("key").GetString(), g.GetProperty("count").GetInt64()))
            .Should().Equal(("/tweets", 3L), ("/about", 1L));
        var top = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.TopPaths, LoggingApi.Hour(hour)));
        top.GetProperty("paths")[0].GetProperty("path").GetString().Should().Be("/tweets");
    }

    [Fact]
    public async Task A_record_larger_than_the_API_allows_but_within_the_lectures_100_kb_is_stored()
    {
        var module = LoggingApi.Unique("legacy_large");

        using var response = await host.Sender.PostLegacyLog(new { originalUrl = "/big", module, req = new string('r', 60 * 1024) });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await host.Admin.RecordsOf(module)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_record_over_the_lectures_100_kb_is_too_large_and_nothing_is_stored()
    {
        var module = LoggingApi.Unique("legacy_too_large");

        using var response = await host.Sender.PostLegacyLog(new object[]
        {
            new { originalUrl = "/ok", module },
            new { originalUrl = "/big", module, req = new string('r', 101 * 1024) },
        });

        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"a record\"", "application/json")]
    [InlineData("42", "text/plain")]
    [InlineData("null", "application/json")]
    [InlineData("[]", "application/json")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused(string body, string contentType)
    {
        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog, body, contentType);

        await response.ShouldBeValidationProblem("body");
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("", "text/plain")]
    [InlineData("originalUrl=/a", "text/plain")]
    [InlineData("{\"originalUrl\":", "application/json")]
    public async Task A_body_that_is_not_JSON_is_a_malformed_request(string body, string contentType)
    {
        using var response = await host.Sender.PostRaw(LoggingApi.LegacyLog, body, contentType);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Other_media_types_are_unsupported(string contentType)
    {
        using var response = await PostBytes("<log/>"u8.ToArray(), contentType);

        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    public static TheoryData<byte[], string> OddBodies => new()
    {
        { Encoding.UTF8.GetBytes("""{"originalUrl":"/a","user":"\ud800"}"""), "application/json" },
        { Encoding.UTF8.GetBytes("""{"originalUrl":"/a","req":{"x\udc00":1}}"""), "text/plain" },
        { [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], "application/json" },
        { Encoding.Unicode.GetBytes("""{"originalUrl":"/a"}"""), "text/plain; charset=utf-16" },
        { Encoding.UTF8.GetBytes("originalUrl=/a"), $"{Form}; charset=bogus" },
        { Encoding.UTF8.GetBytes("%ZZ=%E0%A4&=&&user&originalUrl=%ED%A0%80"), Form },
        { [], Form },
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task Odd_text_is_stored_or_refused_but_never_a_server_error(byte[] body, string contentType)
    {
        using var response = await PostBytes(body, contentType);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeLessThan(500, text);
        if (!response.IsSuccessStatusCode)
        {
            await response.ShouldBeProblem(response.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> PostBytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType).Should().BeTrue();
        using (content)
        {
            return await host.Sender.PostAsync(LoggingApi.LegacyLog, content);
        }
    }

    private async Task<IReadOnlyList<JsonElement>> Records(params (string Name, object? Value)[] filters)
    {
        var page = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [.. filters, ("limit", 500)]));
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
