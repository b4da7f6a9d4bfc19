using System.Text.Json;
using Logging.Domain;
using Logging.Features.IngestLogs;

namespace Logging.Tests.Features;

public sealed class LogRecordParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private const string ClientIp = "198.51.100.4";

    [Fact]
    public void A_single_object_is_one_record_with_every_known_field()
    {
        var (records, errors) = Parse(LogFormat.Api, """
            {"id":"r1","timestamp":"2026-11-22T09:59:58.125Z","method":"delete","path":"/api/tweets/7","status":204,
             "durationMs":3.5,"userId":"amy","ip":"10.1.2.3","module":"Tweets","traceId":"abc"}
            """);

        errors.Should().BeEmpty();
        records.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            RecordId = "r1",
            Timestamp = new DateTimeOffset(2026, 11, 22, 9, 59, 58, 125, TimeSpan.Zero),
            Method = "DELETE",
            Path = "/api/tweets/7",
            Status = 204,
            DurationMs = 3.5,
            UserId = "amy",
            Ip = "10.1.2.3",
            Module = "Tweets",
            TraceId = "abc",
            Source = LogSources.Api,
            Extra = (string?)null,
        });
    }

    [Fact]
    public void A_timestamp_without_an_offset_is_UTC_and_one_with_an_offset_is_converted()
    {
        var (records, _) = Parse(LogFormat.Api, """
            [{"timestamp":"2026-11-22T08:00:00","method":"GET","path":"/","status":200,"durationMs":1},
             {"timestamp":"2026-11-22T17:00:00+09:00","method":"GET","path":"/","status":200,"durationMs":1}]
            """);

        records.Select(r => r.Timestamp.UtcDateTime).Should().Equal(
            new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Missing_id_and_timestamp_get_a_fresh_id_and_now()
    {
        var (records, _) = Parse(LogFormat.Api, """[{"method":"GET","path":"/","status":200,"durationMs":1},{"method":"GET","path":"/","status":200,"durationMs":1}]""");

        records.Select(r => r.RecordId).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id.Length == 32);
        records.Should().OnlyContain(r => r.Timestamp == Now);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_order_and_as_sent()
    {
        var (records, _) = Parse(LogFormat.Api, """{"method":"GET","path":"/","status":200,"durationMs":1,"z":[1,{"a":null}],"b":"x\u00e9"}""");

        records[0].Extra.Should().Be("""{"z":[1,{"a":null}],"b":"x\u00E9"}""");
    }

    [Fact]
    public void The_lecture_format_takes_originalUrl_ip_and_userID_and_keeps_req()
    {
        var (records, errors) = Parse(LogFormat.Legacy, """{"ip":"::1","originalUrl":"/home?x=1","userID":"sam","req":{"method":"GET"}}""");

        errors.Should().BeEmpty();
        records[0].Should().BeEquivalentTo(new { Path = "/home", Url = "/home?x=1", Ip = "::1", UserId = "sam", Method = (string?)null, Status = (int?)null, Source = LogSources.Legacy });
        records[0].Extra.Should().Be("""{"req":{"method":"GET"}}""");
    }

    [Theory]
    [InlineData("[{\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"durationMs\":1},{\"method\":1,\"path\":\"/\",\"status\":200,\"durationMs\":1}]", "[1].method")]
    [InlineData("{\"method\":\"GET\",\"path\":\"/\",\"status\":1000,\"durationMs\":1}", "status")]
    [InlineData("{\"method\":\"GET\",\"status\":200,\"durationMs\":1}", "path")]
    [InlineData("[1]", "[0]")]
    [InlineData("[]", "body")]
    [InlineData("true", "body")]
    public void Errors_name_the_item_and_the_field(string body, string field)
    {
        var (records, errors) = Parse(LogFormat.Api, body);

        records.Should().BeEmpty();
        errors.Should().ContainSingle().Which.Should().Be(field);
    }

    [Fact]
    public void A_batch_over_the_cap_names_the_first_item_beyond_it()
    {
        var item = """{"method":"GET","path":"/","status":200,"durationMs":1}""";
        using var body = JsonDocument.Parse("[" + string.Join(",", Enumerable.Repeat(item, 4)) + "]");
        var parser = new LogRecordParser(LogFormat.Api, Now, maxBatchSize: 3);

        parser.Parse(body.RootElement).Should().BeEmpty();

        parser.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("[3]");
    }

    [Theory]
    [InlineData("https://example.com/a/b?c=d", "/a/b")]
    [InlineData("/a/b?c=d#e", "/a/b")]
    [InlineData("/a/b#e", "/a/b")]
    [InlineData("?only=query", "/")]
    [InlineData("relative/path", "relative/path")]
    public void Paths_lose_their_query_string_and_fragment(string url, string path) =>
        LogRecordRules.PathOf(url).Should().Be(path);

    [Theory]
    [InlineData("url")]
    [InlineData("path")]
    public void A_URL_whose_path_is_too_long_once_percent_encoded_is_refused(string field)
    {
        // 2,020 characters as sent, 12,001 once "é" is percent-encoded as "%C3%A9".
        var url = "https://example.com/" + new string('é', 2000);
        var item = new Dictionary<string, object> { [field] = url, ["method"] = "GET", ["status"] = 200, ["durationMs"] = 1, ["ip"] = "::1" };

        var (records, errors) = Parse(LogFormat.Api, JsonSerializer.Serialize(item));

        records.Should().BeEmpty();
        errors.Should().ContainSingle().Which.Should().Be(field);
    }

    [Fact]
    public void A_URL_whose_encoded_path_fits_is_stored_encoded()
    {
        var url = "https://example.com/" + new string('é', 341);

        var (records, errors) = Parse(LogFormat.Api, JsonSerializer.Serialize(new { url, method = "GET", status = 200, durationMs = 1 }));

        errors.Should().BeEmpty();
        records[0].Path.Should().HaveLength(LogRecordRules.PathMaxLength - 1).And.StartWith("/%C3%A9");
    }

    [Fact]
    public void The_API_format_reads_the_route_and_the_lecture_format_keeps_it_as_an_extra_field()
    {
        var (api, _) = Parse(LogFormat.Api, """{"method":"GET","path":"/api/tweets/7","route":"/api/tweets/{id:long}","status":200,"durationMs":1}""");
        var (legacy, _) = Parse(LogFormat.Legacy, """{"ip":"::1","originalUrl":"/api/tweets/7","route":"/api/tweets/{id:long}"}""");

        api[0].Route.Should().Be("/api/tweets/{id:long}");
        api[0].Extra.Should().BeNull();
        legacy[0].Route.Should().BeNull();
        legacy[0].Extra.Should().Be("""{"route":"/api/tweets/{id:long}"}""");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("7")]
    [InlineData("\"/a\\nb\"")]
    public void A_route_that_is_not_text_is_refused(string route)
    {
        var (_, errors) = Parse(LogFormat.Api, $$"""{"method":"GET","path":"/","route":{{route}},"status":200,"durationMs":1}""");

        errors.Should().ContainSingle().Which.Should().Be("route");
    }

    private static (IReadOnlyList<LogRecord> Records, IReadOnlyList<string> Errors) Parse(LogFormat format, string json)
    {
        using var body = JsonDocument.Parse(json);
        var parser = new LogRecordParser(format, Now, maxBatchSize: 1000, clientIp: ClientIp);
        var records = parser.Parse(body.RootElement);
        return (records, [.. parser.Errors.Select(e => e.PropertyName)]);
    }
}
