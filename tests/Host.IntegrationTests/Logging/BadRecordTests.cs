using System.Text.Json.Nodes;

namespace Host.IntegrationTests.Logging;

/// <summary>Bad records get a 400 that names the item and field; a refused body stores nothing at all.</summary>
public sealed class BadRecordTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Theory]
    [InlineData("status", "\"200\"")]
    [InlineData("status", "99")]
    [InlineData("status", "600")]
    [InlineData("status", "200.5")]
    [InlineData("durationMs", "\"fast\"")]
    [InlineData("durationMs", "-1")]
    [InlineData("durationMs", "86400001")]
    [InlineData("method", "7")]
    [InlineData("method", "\"GET /\"")]
    [InlineData("method", "\"AVERYLONGMETHODNAME\"")]
    [InlineData("path", "42")]
    [InlineData("path", "\"\"")]
    [InlineData("timestamp", "\"yesterday\"")]
    [InlineData("timestamp", "1732270000000")]
    [InlineData("timestamp", "\"1899-01-01T00:00:00Z\"")]
    [InlineData("userId", "{}")]
    [InlineData("ip", "[\"1.2.3.4\"]")]
    [InlineData("module", "true")]
    [InlineData("traceId", "\"line\\nbreak\"")]
    [InlineData("route", "5")]
    [InlineData("route", "\"\"")]
    [InlineData("id", "12")]
    public async Task A_field_of_the_wrong_type_or_range_is_named_in_the_error(string field, string json)
    {
        var record = JsonSerializer.SerializeToNode(LoggingApi.Record())!.AsObject();
        record[field] = JsonNode.Parse(json);

        using var single = await host.Sender.PostRaw(LoggingApi.Logs, record.ToJsonString());
        using var batch = await host.Sender.PostRaw(LoggingApi.Logs, $"[{LoggingApi.Record().ToJson()}, {LoggingApi.Record().ToJson()}, {record.ToJsonString()}]");

        var problem = await single.ShouldBeValidationProblem(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().StartWith("must");
        await batch.ShouldBeValidationProblem($"[2].{field}");
    }

    [Fact]
    public async Task The_status_error_says_what_is_expected()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, """{"method":"GET","path":"/","status":"ok","durationMs":1}""");

        var problem = await response.ShouldBeValidationProblem("status");
        problem.GetProperty("errors").GetProperty("status")[0].GetString().Should().Be("must be an integer between 100 and 599");
    }

    [Fact]
    public async Task Missing_required_fields_are_each_named()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, """[{"method":"GET","path":"/","status":200,"durationMs":1},{"module":"m"}]""");

        await response.ShouldBeValidationProblem("[1].method", "[1].path", "[1].status", "[1].durationMs");
    }

    [Fact]
    public async Task A_field_sent_twice_is_refused()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, """{"method":"GET","path":"/","status":200,"Status":500,"durationMs":1}""");

        await response.ShouldBeValidationProblem("status");
    }

    [Fact]
    public async Task A_path_longer_than_2048_characters_is_refused()
    {
        using var response = await host.Sender.PostLogs(LoggingApi.Record(path: "/" + new string('a', 2048)));

        await response.ShouldBeValidationProblem("path");
    }

    [Fact]
    public async Task A_route_longer_than_2048_characters_is_refused()
    {
        using var response = await host.Sender.PostLogs(LoggingApi.Record(route: "/" + new string('r', 2048)));

        await response.ShouldBeValidationProblem("route");
    }

    [Fact]
    public async Task A_URL_whose_path_is_longer_than_2048_characters_once_percent_encoded_is_refused()
    {
        // 2,020 characters as sent; "é" is six ("%C3%A9") in the stored path.
        var record = LoggingApi.Record();
        record.Remove("path");
        record["url"] = "https://example.com/" + new string('é', 2000);

        using var response = await host.Sender.PostLogs(record);

        await response.ShouldBeValidationProblem("url");
    }

    [Fact]
    public async Task A_record_larger_than_16_KB_is_refused_as_a_whole_item()
    {
        var huge = LoggingApi.Record();
        huge["note"] = new string('x', 17 * 1024);

        using var response = await host.Sender.PostLogs(new[] { LoggingApi.Record(), huge });

        var problem = await response.ShouldBeValidationProblem("[1]");
        problem.GetProperty("errors").GetProperty("[1]")[0].GetString().Should().Contain("16384 bytes");
    }

    [Fact]
    public async Task An_item_that_is_not_an_object_is_named()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, $"[{LoggingApi.Record().ToJson()}, 5, \"text\"]");

        await response.ShouldBeValidationProblem("[1]", "[2]");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"a record\"")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_or_a_non_empty_array_is_refused(string body)
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, body);

        await response.ShouldBeValidationProblem("body");
    }

    [Theory]
    [InlineData("{\"method\":\"GET\",")]
    [InlineData("")]
    [InlineData("[{}")]
    public async Task Malformed_JSON_is_a_malformed_request(string body)
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_an_unsupported_media_type()
    {
        using var response = await host.Sender.PostRaw(LoggingApi.Logs, "method=GET&path=/", "application/x-www-form-urlencoded");

        await response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_batch_with_one_bad_item_stores_none_of_its_good_ones()
    {
        var module = LoggingApi.Unique("all_or_nothing");
        var records = Enumerable.Range(0, 50).Select(_ => (object)LoggingApi.Record(module: module)).ToList();
        records[37] = new { method = "GET", path = "/", status = 200, durationMs = "slow", module };

        using var response = await host.Sender.PostLogs(records);

        await response.ShouldBeValidationProblem("[37].durationMs");
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }
}

/// <summary>A Host whose batches are capped at five records, to show the cap names the first item over it.</summary>
public sealed class SmallBatchHost : LoggingHost
{
    public SmallBatchHost() => With("Modules:Logging:Ingestion:MaxBatchSize", "5");
}

public sealed class BatchCapTests(SmallBatchHost host) : IClassFixture<SmallBatchHost>
{
    [Fact]
    public async Task A_batch_at_the_cap_is_stored()
    {
        var module = LoggingApi.Unique("at_cap");

        await host.Sender.Store([.. Enumerable.Range(0, 5).Select(_ => LoggingApi.Record(module: module))]);

        (await host.Admin.RecordsOf(module)).Should().HaveCount(5);
    }

    [Fact]
    public async Task A_batch_over_the_cap_is_refused_naming_the_first_item_over_it_and_nothing_is_stored()
    {
        var module = LoggingApi.Unique("over_cap");

        using var response = await host.Sender.PostLogs(Enumerable.Range(0, 6).Select(_ => LoggingApi.Record(module: module)).ToArray());

        var problem = await response.ShouldBeValidationProblem("[5]");
        problem.GetProperty("errors").GetProperty("[5]")[0].GetString().Should().Contain("at most 5 records");
        (await host.Admin.RecordsOf(module)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_lecture_endpoint_has_the_same_cap()
    {
        using var response = await host.Sender.PostLegacyLog(Enumerable.Range(0, 6).Select(i => new { ip = "127.0.0.1", originalUrl = $"/{i}" }).ToArray());

        await response.ShouldBeValidationProblem("[5]");
    }
}
