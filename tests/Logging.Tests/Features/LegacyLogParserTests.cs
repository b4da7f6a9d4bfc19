using System.Text.Json;
using Logging.Domain;
using Logging.Features.IngestLogs;

namespace Logging.Tests.Features;

/// <summary>The lecture's format (POST /log): any JSON object is a record, and what does not fit a column is kept as sent.</summary>
public sealed class LegacyLogParserTests
{
    private const string ClientIp = "198.51.100.4";

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_lectures_own_example_is_a_record_with_a_numeric_user_and_the_clients_ip()
    {
        var (records, errors) = Parse("""{"originalUrl":"test","req":"test","user":123}""");

        errors.Should().BeEmpty();
        records.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Path = "test",
            Url = "test",
            UserId = "123",
            Ip = ClientIp,
            Source = LogSources.Legacy,
            Extra = """{"req":"test","user":123}""",
        });
    }

    [Theory]
    [InlineData("123", "123")]
    [InlineData("-1.50e3", "-1.50e3")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("""{"id": 7, "name": "é"}""", """{"id":7,"name":"é"}""")]
    [InlineData("""[1, "a", null]""", """[1,"a",null]""")]
    [InlineData("\"\"", null)]
    [InlineData("\"   \"", null)]
    [InlineData("\"a\\nb\"", "a\uFFFDb")]
    public void A_user_of_any_JSON_type_has_a_text_form_and_is_kept_as_sent(string user, string? text)
    {
        foreach (var field in new[] { "user", "userID", "userid" })
        {
            var (records, errors) = Parse($$"""{"originalUrl":"/","{{field}}":{{user}}}""");

            errors.Should().BeEmpty();
            records[0].UserId.Should().Be(text);
            using var extra = JsonDocument.Parse(records[0].Extra!);
            var kept = extra.RootElement.GetProperty(field);
            using var sent = JsonDocument.Parse(user);
            JsonElement.DeepEquals(kept, sent.RootElement).Should().BeTrue(field);
        }
    }

    [Fact]
    public void A_null_user_is_no_user_and_a_string_user_is_not_repeated_in_extra()
    {
        var (records, _) = Parse("""[{"originalUrl":"/","user":null},{"originalUrl":"/","userID":"ann"}]""");

        records.Select(r => r.UserId).Should().Equal(null, "ann");
        records.Should().OnlyContain(r => r.Extra == null);
    }

    [Fact]
    public void When_userID_is_usable_it_is_the_user_and_user_is_kept_whatever_its_type()
    {
        var (records, _) = Parse("""{"originalUrl":"/","userID":42,"user":{"name":"Erin"}}""");

        records[0].UserId.Should().Be("42");
        records[0].Extra.Should().Be("""{"userID":42,"user":{"name":"Erin"}}""");
    }

    [Fact]
    public void The_whole_originalUrl_is_kept_and_its_path_is_what_analysis_groups_by()
    {
        var (records, _) = Parse("""[{"originalUrl":"/tweets?page=2"},{"originalUrl":"https://example.com/a/b?c=d#e"}]""");

        records.Select(r => (r.Path, r.Url)).Should().Equal(("/tweets", "/tweets?page=2"), ("/a/b", "https://example.com/a/b?c=d#e"));
        records.Should().OnlyContain(r => r.Extra == null);
    }

    [Fact]
    public void An_empty_object_is_a_record_with_an_empty_path_and_the_clients_ip()
    {
        var (records, errors) = Parse("{}");

        errors.Should().BeEmpty();
        records.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Path = string.Empty, Url = (string?)null, UserId = (string?)null, Ip = ClientIp, Extra = (string?)null,
        });
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void An_ip_that_names_no_address_is_the_clients(string ip)
    {
        var (records, _) = Parse($$"""{"originalUrl":"/","ip":{{ip}}}""");

        records[0].Ip.Should().Be(ClientIp);
    }

    [Fact]
    public void Known_fields_of_the_wrong_type_or_out_of_range_are_kept_as_sent_and_refuse_nothing()
    {
        var body = """
            {"originalUrl":["/a","/b"],"ip":{"v":4},"id":5,"timestamp":"yesterday","method":"GE T","status":"200",
             "durationMs":-1,"module":7,"traceId":false,"req":[true]}
            """;

        var (records, errors) = Parse(body);

        errors.Should().BeEmpty();
        var record = records.Should().ContainSingle().Subject;
        record.Should().BeEquivalentTo(new
        {
            Url = """["/a","/b"]""",
            Ip = """{"v":4}""",
            Timestamp = Now,
            Method = (string?)null,
            Status = (int?)null,
            DurationMs = (double?)null,
            Module = "7",
            TraceId = "false",
        });
        record.RecordId.Should().HaveLength(32);
        using var extra = JsonDocument.Parse(record.Extra!);
        extra.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "originalUrl", "ip", "id", "timestamp", "method", "status", "durationMs", "module", "traceId", "req");
        extra.RootElement.GetProperty("status").GetString().Should().Be("200");
        extra.RootElement.GetProperty("id").GetInt32().Should().Be(5);
    }

    [Fact]
    public void Very_long_values_are_cut_for_their_columns_and_kept_whole_in_extra()
    {
        var url = "/" + new string('p', 3000) + "?q=" + new string('q', 9000);
        var user = new string('u', 255) + "😀";
        var (records, errors) = Parse(JsonSerializer.Serialize(new { originalUrl = url, user, ip = new string('1', 100) }));

        errors.Should().BeEmpty();
        var record = records[0];
        record.Url.Should().Be(url[..LogRecordRules.UrlMaxLength]);
        record.Path.Should().Be(url[..LogRecordRules.PathMaxLength]);
        // The emoji is two UTF-16 units; the cut does not split it.
        record.UserId.Should().Be(new string('u', 255));
        record.Ip.Should().HaveLength(LogRecordRules.IpMaxLength);
        using var extra = JsonDocument.Parse(record.Extra!);
        extra.RootElement.GetProperty("originalUrl").GetString().Should().Be(url);
        extra.RootElement.GetProperty("user").GetString().Should().Be(user);
    }

    [Fact]
    public void A_name_sent_twice_keeps_its_last_value_as_JSON_parse_does()
    {
        var (records, errors) = Parse("""{"originalUrl":"/a","user":"x","USER":"y","k":1,"k":2,"K":3}""");

        errors.Should().BeEmpty();
        records[0].UserId.Should().Be("y");
        records[0].Extra.Should().Be("""{"k":2,"K":3}""");
    }

    [Fact]
    public void A_record_larger_than_the_API_allows_but_within_the_lectures_limit_is_taken()
    {
        var req = new string('r', 50 * 1024);

        var (records, errors) = Parse(JsonSerializer.Serialize(new { originalUrl = "/big", req }));

        errors.Should().BeEmpty();
        records.Should().ContainSingle();
    }

    [Fact]
    public void A_record_over_the_lectures_limit_is_too_large_rather_than_invalid()
    {
        var req = new string('r', LogRecordParser.MaxLegacyItemBytes);
        using var body = JsonDocument.Parse(JsonSerializer.Serialize(new object[] { new { originalUrl = "/ok" }, new { originalUrl = "/big", req } }));
        var parser = new LogRecordParser(LogFormat.Legacy, Now, maxBatchSize: 1000, ClientIp);

        parser.Parse(body.RootElement).Should().BeEmpty();

        parser.Errors.Should().BeEmpty();
        parser.TooLarge.Should().StartWith("Record [1] is ");
    }

    [Theory]
    [InlineData("\"text\"", "body")]
    [InlineData("42", "body")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("""[{"originalUrl":"/a"},"b"]""", "[1]")]
    public void Only_a_body_that_is_not_an_object_or_an_array_of_objects_is_refused(string body, string field)
    {
        var (records, errors) = Parse(body);

        records.Should().BeEmpty();
        errors.Should().ContainSingle().Which.Should().Be(field);
    }

    [Theory]
    [InlineData(false, """{"originalUrl":"/a","user":"\ud800"}""", "body")]
    [InlineData(false, """[{"originalUrl":"/a"},{"x\udc00":1}]""", "[1]")]
    [InlineData(false, """{"originalUrl":"/a","req":{"b":["\udfff"]}}""", "body")]
    [InlineData(true, """{"method":"GET","path":"/\ud800","status":200,"durationMs":1}""", "body")]
    [InlineData(true, """{"method":"GET","path":"/","status":200,"durationMs":1,"x":"\ud800"}""", "body")]
    public void A_string_with_an_unpaired_surrogate_is_refused_not_a_server_error(bool api, string body, string field)
    {
        using var document = JsonDocument.Parse(body);
        var parser = new LogRecordParser(api ? LogFormat.Api : LogFormat.Legacy, Now, maxBatchSize: 1000, ClientIp);

        parser.Parse(document.RootElement).Should().BeEmpty();

        parser.Errors.Should().ContainSingle().Which.PropertyName.Should().Be(field);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bytes_that_are_not_UTF_8_in_a_string_are_refused_not_a_server_error(bool api)
    {
        byte[] body = [.. """{"method":"GET","path":"/","status":200,"durationMs":1,"originalUrl":"/","x":"""u8, 0x22, 0xC3, 0x28, 0x22, 0x7D];
        using var document = JsonDocument.Parse(body);
        var parser = new LogRecordParser(api ? LogFormat.Api : LogFormat.Legacy, Now, maxBatchSize: 1000, ClientIp);

        parser.Parse(document.RootElement).Should().BeEmpty();

        parser.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("body");
    }

    private static (IReadOnlyList<LogRecord> Records, IReadOnlyList<string> Errors) Parse(string json)
    {
        using var body = JsonDocument.Parse(json);
        var parser = new LogRecordParser(LogFormat.Legacy, Now, maxBatchSize: 1000, ClientIp);
        var records = parser.Parse(body.RootElement);
        return (records, [.. parser.Errors.Select(e => e.PropertyName)]);
    }
}
