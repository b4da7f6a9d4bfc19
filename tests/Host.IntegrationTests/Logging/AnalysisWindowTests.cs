namespace Host.IntegrationTests.Logging;

/// <summary>Every analysis takes the same window (ISO-8601 from and to, at most 31 days) and refuses a bad one with 400.</summary>
public sealed class AnalysisWindowTests(LoggingHost host) : IClassFixture<LoggingHost>
{
    public static TheoryData<string> AnalysisPaths => [LoggingApi.Stats, LoggingApi.TopPaths, LoggingApi.ErrorRate, LoggingApi.Records];

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_time_that_is_not_ISO_8601_is_refused_naming_the_parameter(string path)
    {
        using var badFrom = await Get(path, ("from", "yesterday"));
        using var badTo = await Get(path, ("to", "11/22/2026"));

        await badFrom.ShouldBeValidationProblem("from");
        await badTo.ShouldBeValidationProblem("to");
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task From_must_be_before_to(string path)
    {
        using var reversed = await Get(path, ("from", "2025-06-02T00:00:00Z"), ("to", "2025-06-01T00:00:00Z"));
        using var empty = await Get(path, ("from", "2025-06-01T00:00:00Z"), ("to", "2025-06-01T00:00:00Z"));
        using var futureFrom = await Get(path, ("from", host.Clock.GetUtcNow().AddDays(1).ToString("O")));

        await reversed.ShouldBeValidationProblem("from");
        await empty.ShouldBeValidationProblem("from");
        await futureFrom.ShouldBeValidationProblem("from");
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_window_longer_than_31_days_is_refused_and_31_days_is_accepted(string path)
    {
        using var tooLong = await Get(path, ("from", "2025-01-01T00:00:00Z"), ("to", "2025-02-01T00:00:00.001Z"));
        using var longest = await Get(path, ("from", "2025-01-01T00:00:00Z"), ("to", "2025-02-01T00:00:00Z"));

        await tooLong.ShouldBeValidationProblem("to");
        longest.EnsureSuccessStatusCode();
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_time_outside_the_years_records_can_have_is_refused_naming_the_parameter(string path)
    {
        // An hour before 0001-01-01T00:30Z does not exist: this was a 500.
        using var nearMinimum = await Get(path, ("to", "0001-01-01T00:30:00Z"));
        using var ancientFrom = await Get(path, ("from", "1999-12-31T23:59:59Z"), ("to", "2000-01-01T00:30:00Z"));
        using var nearMaximum = await Get(path, ("from", "9999-12-31T23:00:00Z"), ("to", "9999-12-31T23:59:59Z"));

        (await nearMinimum.ShouldBeValidationProblem("to")).GetProperty("errors").GetProperty("to")[0].GetString().Should().Contain("2000-01-01");
        await ancientFrom.ShouldBeValidationProblem("from");
        await nearMaximum.ShouldBeValidationProblem("from", "to");
    }

    [Theory]
    [MemberData(nameof(AnalysisPaths))]
    public async Task A_window_at_the_edges_of_the_years_records_can_have_is_accepted(string path)
    {
        using var first = await Get(path, ("from", "2000-01-01T00:00:00Z"), ("to", "2000-01-01T01:00:00Z"));
        using var last = await Get(path, ("from", "2099-12-31T23:00:00Z"), ("to", "2100-01-01T00:00:00Z"));

        first.EnsureSuccessStatusCode();
        last.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_window_may_be_given_with_an_offset_and_is_answered_in_UTC_terms()
    {
        var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.ErrorRate, ("from", "2025-03-01T09:00:00+09:00"), ("to", "2025-03-01T01:00:00Z")));

        stats.GetProperty("from").GetString().Should().Be("2025-03-01T00:00:00+00:00");
    }

    [Fact]
    public async Task Only_from_means_up_to_now_and_only_to_means_the_hour_before_it()
    {
        var onlyFrom = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.ErrorRate, ("from", host.Clock.GetUtcNow().AddHours(-5))));
        var onlyTo = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.ErrorRate, ("from", null), ("to", "2025-03-01T00:00:00Z")));

        onlyFrom.GetProperty("to").GetDateTimeOffset().Should().BeCloseTo(host.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        onlyTo.GetProperty("from").GetDateTimeOffset().Should().Be(new DateTimeOffset(2025, 2, 28, 23, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("by", "country")]
    [InlineData("by", "Path; DROP TABLE LogRecords")]
    [InlineData("limit", "0")]
    [InlineData("limit", "-5")]
    public async Task Stats_refuse_an_unknown_grouping_or_a_limit_below_one(string name, string value)
    {
        using var response = await Get(LoggingApi.Stats, (name, value));

        await response.ShouldBeValidationProblem(name);
    }

    [Fact]
    public async Task A_huge_limit_is_capped_not_refused()
    {
        using var stats = await Get(LoggingApi.Stats, ("limit", "100000"));
        using var top = await Get(LoggingApi.TopPaths, ("limit", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        stats.EnsureSuccessStatusCode();
        top.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Grouping_names_match_in_any_casing()
    {
        var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, ("by", "MINUTE")));

        stats.GetProperty("by").GetString().Should().Be("minute");
    }

    private Task<HttpResponseMessage> Get(string path, params (string Name, object? Value)[] parameters) =>
        host.Admin.GetAsync(new Uri(LoggingApi.Query(path, parameters), UriKind.Relative));
}
