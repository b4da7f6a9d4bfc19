namespace Host.IntegrationTests.Logging;

/// <summary>
/// Counts, server errors and nearest-rank percentiles, each test in an hour of its own (records with explicit
/// timestamps), so the numbers are exact even though the tests share a Host.
/// </summary>
public sealed class StatsTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    [Fact]
    public async Task Stats_by_path_count_requests_and_errors_and_give_nearest_rank_percentiles()
    {
        var hour = LoggingApi.NewHour();
        // /hundred: durations 1..100 ms; /twenty: 1..20 ms with every fifth a 500; /ten: 10, 20, ... 100 ms.
        var records = Enumerable.Range(1, 100).Select(d => LoggingApi.Record("/hundred", durationMs: d, at: hour.AddSeconds(d)))
            .Concat(Enumerable.Range(1, 20).Select(d => LoggingApi.Record("/twenty", d % 5 == 0 ? 500 : 200, d, hour.AddSeconds(d))))
            .Concat(Enumerable.Range(1, 10).Select(d => LoggingApi.Record("/ten", 404, d * 10, hour.AddSeconds(d))))
            .Reverse();
        await host.Sender.Store([.. records]);

        var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "path"), .. LoggingApi.Hour(hour)]));

        stats.GetProperty("by").GetString().Should().Be("path");
        stats.GetProperty("from").GetDateTimeOffset().Should().Be(hour);
        stats.GetProperty("to").GetDateTimeOffset().Should().Be(hour.AddHours(1));
        Groups(stats).Should().Equal(
            new Group("/hundred", 100, 0, 0, 50, 95, 99),
            new Group("/twenty", 20, 4, 0.2, 10, 19, 20),
            new Group("/ten", 10, 0, 0, 50, 100, 100));
    }

    [Fact]
    public async Task Stats_by_module_user_and_status_group_by_that_field()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store(
            LoggingApi.Record(module: "Users", userId: "ann", durationMs: 10, at: hour),
            LoggingApi.Record(module: "Users", userId: "ann", durationMs: 30, status: 500, at: hour),
            LoggingApi.Record(module: "Tweets", userId: "ben", durationMs: 20, status: 201, at: hour),
            LoggingApi.Record(module: "Users", durationMs: 40, status: 401, at: hour));

        var byModule = Groups(await Stats("module", hour));
        var byUser = Groups(await Stats("user", hour));
        var byStatus = Groups(await Stats("status", hour));

        byModule.Should().Equal(new Group("Users", 3, 1, Rounded(1.0 / 3), 30, 40, 40), new Group("Tweets", 1, 0, 0, 20, 20, 20));
        byUser.Should().Equal(new Group("ann", 2, 1, 0.5, 10, 30, 30), new Group(null, 1, 0, 0, 40, 40, 40), new Group("ben", 1, 0, 0, 20, 20, 20));
        byStatus.Select(g => g.Key).Should().Equal("200", "201", "401", "500");
        byStatus.Should().OnlyContain(g => g.Count == 1);
        byStatus.Single(g => g.Key == "500").Errors.Should().Be(1);
    }

    [Fact]
    public async Task Stats_by_route_group_the_requests_of_one_endpoint_and_those_without_a_route_under_null()
    {
        var hour = LoggingApi.NewHour();
        const string TweetRoute = "/api/tweets/{id:long}";
        await host.Sender.Store(
            LoggingApi.Record("/api/tweets/1", durationMs: 10, route: TweetRoute, at: hour),
            LoggingApi.Record("/api/tweets/2", durationMs: 20, route: TweetRoute, at: hour),
            LoggingApi.Record("/api/tweets/3", 500, 30, route: TweetRoute, at: hour),
            LoggingApi.Record("/api/users/me", durationMs: 5, route: "/api/users/me", at: hour),
            LoggingApi.Record("/favicon.ico", 404, 1, at: hour));

        var byRoute = await Stats("route", hour);
        var byPath = Groups(await Stats("path", hour));

        byRoute.GetProperty("by").GetString().Should().Be("route");
        Groups(byRoute).Should().Equal(
            new Group(TweetRoute, 3, 1, Rounded(1.0 / 3), 20, 30, 30),
            new Group(null, 1, 0, 0, 1, 1, 1),
            new Group("/api/users/me", 1, 0, 0, 5, 5, 5));
        byPath.Should().HaveCount(5, "by path every tweet is a group of its own");
    }

    [Fact]
    public async Task Stats_by_minute_bucket_records_by_their_timestamps_in_time_order()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store(
            LoggingApi.Record(durationMs: 5, at: hour.AddMinutes(42).AddSeconds(59.999)),
            LoggingApi.Record(durationMs: 1, at: hour.AddMinutes(7).AddSeconds(5)),
            LoggingApi.Record(durationMs: 3, status: 502, at: hour.AddMinutes(7).AddSeconds(50)),
            LoggingApi.Record(durationMs: 2, at: hour.AddMinutes(7)));

        var groups = Groups(await Stats("minute", hour));

        groups.Should().Equal(
            new Group(Minute(hour.AddMinutes(7)), 3, 1, Rounded(1.0 / 3), 2, 3, 3),
            new Group(Minute(hour.AddMinutes(42)), 1, 0, 0, 5, 5, 5));
    }

    [Fact]
    public async Task Stats_by_minute_with_a_limit_keep_the_latest_minutes()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store([.. Enumerable.Range(0, 5).Select(m => LoggingApi.Record(at: hour.AddMinutes(m)))]);

        var groups = Groups(await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "minute"), ("limit", 2), .. LoggingApi.Hour(hour)])));

        groups.Select(g => g.Key).Should().Equal(Minute(hour.AddMinutes(3)), Minute(hour.AddMinutes(4)));
    }

    [Fact]
    public async Task Records_outside_the_window_are_not_counted_and_the_end_is_exclusive()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store(
            LoggingApi.Record("/inside", at: hour),
            LoggingApi.Record("/inside", at: hour.AddHours(1).AddMilliseconds(-1)),
            LoggingApi.Record("/outside", at: hour.AddMilliseconds(-1)),
            LoggingApi.Record("/outside", at: hour.AddHours(1)));

        var groups = Groups(await Stats("path", hour));

        groups.Should().ContainSingle().Which.Should().Be(new Group("/inside", 2, 0, 0, 12.5, 12.5, 12.5));
    }

    [Fact]
    public async Task Records_without_a_duration_are_counted_but_not_ranked()
    {
        var hour = LoggingApi.NewHour();
        using var response = await host.Sender.PostLegacyLog(new object[]
        {
            new { ip = "127.0.0.1", originalUrl = "/legacy", timestamp = hour },
            new { ip = "127.0.0.1", originalUrl = "/legacy", timestamp = hour, durationMs = 7 },
            new { ip = "127.0.0.1", originalUrl = "/untimed", timestamp = hour },
        });
        response.EnsureSuccessStatusCode();

        var groups = Groups(await Stats("path", hour));

        groups.Should().Equal(new Group("/legacy", 2, 0, 0, 7, 7, 7), new Group("/untimed", 1, 0, 0, null, null, null));
    }

    [Fact]
    public async Task The_limit_keeps_the_largest_groups()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store([.. Enumerable.Range(1, 4).SelectMany(n => Enumerable.Range(0, n).Select(_ => LoggingApi.Record($"/n{n}", at: hour)))]);

        var groups = Groups(await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "path"), ("limit", 2), .. LoggingApi.Hour(hour)])));

        groups.Select(g => g.Key).Should().Equal("/n4", "/n3");
    }

    [Fact]
    public async Task Top_paths_list_the_most_requested_paths_with_the_same_numbers()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store([.. Enumerable.Range(1, 12).SelectMany(n => Enumerable.Range(0, n).Select(i =>
            LoggingApi.Record($"/top{n:00}", i == 0 ? 503 : 200, i + 1, hour)))]);

        var top = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.TopPaths, LoggingApi.Hour(hour)));
        var three = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.TopPaths, [("limit", 3), .. LoggingApi.Hour(hour)]));

        var paths = top.GetProperty("paths").EnumerateArray().ToList();
        paths.Select(p => p.GetProperty("path").GetString()).Should().Equal(Enumerable.Range(3, 10).Reverse().Select(n => $"/top{n:00}"));
        var first = paths[0];
        first.GetProperty("count").GetInt64().Should().Be(12);
        first.GetProperty("errors").GetInt64().Should().Be(1);
        first.GetProperty("errorRate").GetDouble().Should().BeApproximately(1.0 / 12, 1e-9);
        first.GetProperty("p50").GetDouble().Should().Be(6);
        first.GetProperty("p95").GetDouble().Should().Be(12);
        first.GetProperty("p99").GetDouble().Should().Be(12);
        three.GetProperty("paths").GetArrayLength().Should().Be(3);
        top.GetProperty("from").GetDateTimeOffset().Should().Be(hour);
    }

    [Fact]
    public async Task The_error_rate_counts_client_and_server_errors_and_rates_the_server_ones()
    {
        var hour = LoggingApi.NewHour();
        await host.Sender.Store(
            [.. new[] { 200, 201, 301, 400, 404, 429, 500, 503 }.Select(s => LoggingApi.Record(status: s, at: hour))]);

        var rate = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.ErrorRate, LoggingApi.Hour(hour)));

        rate.GetProperty("total").GetInt64().Should().Be(8);
        rate.GetProperty("clientErrors").GetInt64().Should().Be(3);
        rate.GetProperty("serverErrors").GetInt64().Should().Be(2);
        rate.GetProperty("errorRate").GetDouble().Should().Be(0.25);
        rate.GetProperty("from").GetDateTimeOffset().Should().Be(hour);
        rate.GetProperty("to").GetDateTimeOffset().Should().Be(hour.AddHours(1));
    }

    [Fact]
    public async Task An_empty_window_has_no_groups_and_an_error_rate_of_zero()
    {
        var hour = LoggingApi.NewHour();

        var stats = await Stats("path", hour);
        var rate = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.ErrorRate, LoggingApi.Hour(hour)));

        stats.GetProperty("groups").GetArrayLength().Should().Be(0);
        rate.GetProperty("total").GetInt64().Should().Be(0);
        rate.GetProperty("errorRate").GetDouble().Should().Be(0);
    }

    [Fact]
    public async Task Without_a_window_the_last_hour_up_to_now_is_analysed_and_path_is_the_default_grouping()
    {
        var path = "/" + LoggingApi.Unique("recent");
        await host.Sender.Store(LoggingApi.Record(path), LoggingApi.Record(path, at: host.Clock.GetUtcNow().AddMinutes(-30)),
            LoggingApi.Record(path, at: host.Clock.GetUtcNow().AddMinutes(-61)));

        var stats = await host.Admin.GetJson(LoggingApi.Stats + "?limit=500");

        stats.GetProperty("by").GetString().Should().Be("path");
        (stats.GetProperty("to").GetDateTimeOffset() - stats.GetProperty("from").GetDateTimeOffset()).Should().Be(TimeSpan.FromHours(1));
        stats.GetProperty("to").GetDateTimeOffset().Should().BeCloseTo(host.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        Groups(stats).Should().ContainSingle(g => g.Key == path).Which.Count.Should().Be(2);
    }

    private Task<JsonElement> Stats(string by, DateTimeOffset hour) =>
        host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", by), .. LoggingApi.Hour(hour)]));

    private static string Minute(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    private static List<Group> Groups(JsonElement stats) =>
        [.. stats.GetProperty("groups").EnumerateArray().Select(g => new Group(
            g.GetProperty("key").GetString(),
            g.GetProperty("count").GetInt64(),
            g.GetProperty("errors").GetInt64(),
            Rounded(g.GetProperty("errorRate").GetDouble()),
            Number(g.GetProperty("p50")),
            Number(g.GetProperty("p95")),
            Number(g.GetProperty("p99"))))];

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    private static double Rounded(double rate) => Math.Round(rate, 9);

    private sealed record Group(string? Key, long Count, long Errors, double ErrorRate, double? P50, double? P95, double? P99);
}
