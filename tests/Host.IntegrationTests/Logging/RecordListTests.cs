namespace Host.IntegrationTests.Logging;

/// <summary>GET /api/logs/records: raw records newest first, a page at a time, with filters.</summary>
public sealed class RecordListTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Fact]
    public async Task Walking_the_pages_lists_every_record_once_newest_first()
    {
        var hour = LoggingApi.NewHour();
        var ids = Enumerable.Range(0, 12).Select(i => LoggingApi.Unique($"page{i:00}")).ToList();
        foreach (var id in ids)
        {
            await host.Sender.Store(LoggingApi.Record(at: hour, id: id));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [("limit", 5), ("cursor", cursor), .. LoggingApi.Hour(hour)]));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        seen.Should().Equal(Enumerable.Reverse(ids));
        pages.Should().Be(3);
    }

    [Fact]
    public async Task Records_stored_after_the_first_page_do_not_shift_the_next_page()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store([.. Enumerable.Range(0, 4).Select(i => LoggingApi.Record($"/old{i}", at: hour))]);
        var first = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [("limit", 2), .. LoggingApi.Hour(hour)]));

        await host.Sender.Store(LoggingApi.Record("/new", at: hour));
        var second = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records,
            [("limit", 2), ("cursor", first.GetProperty("nextCursor").GetString()), .. LoggingApi.Hour(hour)]));

        Paths(first).Should().Equal("/old3", "/old2");
        Paths(second).Should().Equal("/old1", "/old0");
    }

    [Fact]
    public async Task Records_can_be_filtered_by_path_user_module_and_status()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store(
            LoggingApi.Record("/a", 200, userId: "u1", module: "M1", at: hour),
            LoggingApi.Record("/a", 500, userId: "u2", module: "M1", at: hour),
            LoggingApi.Record("/b", 200, userId: "u1", module: "M2", at: hour));

        (await Filtered(hour, ("path", "/a"))).Should().HaveCount(2);
        (await Filtered(hour, ("userId", "u1"))).Select(r => r.GetProperty("path").GetString()).Should().Equal("/b", "/a");
        (await Filtered(hour, ("module", "M2"))).Should().ContainSingle();
        (await Filtered(hour, ("status", 500))).Should().ContainSingle().Which.GetProperty("userId").GetString().Should().Be("u2");
        (await Filtered(hour, ("path", "/a"), ("userId", "u1"), ("status", 200))).Should().ContainSingle();
        (await Filtered(hour, ("path", "/nothing"))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_page_size_defaults_to_50_and_is_capped_at_500()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store([.. Enumerable.Range(0, 510).Select(_ => LoggingApi.Record(at: hour))]);

        var byDefault = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, LoggingApi.Hour(hour)));
        var capped = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [("limit", 10_000), .. LoggingApi.Hour(hour)]));

        byDefault.GetProperty("items").GetArrayLength().Should().Be(50);
        capped.GetProperty("items").GetArrayLength().Should().Be(500);
        capped.GetProperty("nextCursor").GetString().Should().NotBeNull();
    }

    [Theory]
    [InlineData("cursor", "not-a-cursor")]
    [InlineData("cursor", "azotMQ")]
    [InlineData("limit", "0")]
    [InlineData("status", "42")]
    public async Task A_bad_cursor_limit_or_status_filter_is_refused(string name, string value)
    {
        using var response = await host.Admin.GetAsync(new Uri(LoggingApi.Query(LoggingApi.Records, (name, value)), UriKind.Relative));

        var problem = await response.ShouldBeValidationProblem(name);
        if (name == "cursor")
        {
            problem.GetProperty("errors").GetProperty("cursor")[0].GetString().Should().Contain("nextCursor");
        }
    }

    private async Task<List<JsonElement>> Filtered(DateTimeOffset hour, params (string, object?)[] filters)
    {
        var page = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [.. filters, .. LoggingApi.Hour(hour)]));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static IEnumerable<string?> Paths(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("path").GetString());
}
