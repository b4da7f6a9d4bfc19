namespace Host.IntegrationTests.Postgres;

/// <summary>
/// The Logging module's SQL (the batch writer and the statistics) is the dialect SQLite and PostgreSQL share: the same
/// records give the same answers on both, grouped by every key, including a missing user and minute buckets.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LoggingAnalysisTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_same_records_give_the_same_statistics_on_SQLite_and_PostgreSQL()
    {
        var modules = await postgres.Provision("stats_", "Logging");
        await using var onSqlite = new LoggingHost();
        await using var onPostgres = (LoggingHost)PostgresFixture.HostOn(modules, new LoggingHost());
        await ((IAsyncLifetime)onSqlite).InitializeAsync();
        await ((IAsyncLifetime)onPostgres).InitializeAsync();
        var hour = LoggingApi.NewHour();
        var batch = LoggingApi.Unique("pg");
        var records = Enumerable.Range(0, 40).Select(i => LoggingApi.Record(
            path: $"/api/p{i % 3}",
            status: i % 7 == 0 ? 500 : i % 5 == 0 ? 404 : 200,
            durationMs: (i * 37 % 100) + 0.5,
            at: hour.AddSeconds(i * 83),
            module: i % 2 == 0 ? "Tweets" : "Users",
            userId: i % 4 == 0 ? null : $"u{i % 3}",
            route: i % 3 == 0 ? null : "/api/p/{id}",
            id: $"{batch}-{i}")).ToArray<object>();
        await onSqlite.Sender.Store(records);
        await onPostgres.Sender.Store(records);
        // A resent batch stores nothing new: ON CONFLICT DO NOTHING on PostgreSQL too.
        using (var again = await onPostgres.Sender.PostLogs(records))
        {
            (await again.Json()).GetProperty("stored").GetInt32().Should().Be(0);
        }

        foreach (var by in new[] { "path", "route", "module", "user", "status", "minute" })
        {
            var query = LoggingApi.Query(LoggingApi.Stats, [("by", by), .. LoggingApi.Hour(hour)]);
            var expected = (await onSqlite.Admin.GetJson(query)).GetProperty("groups").GetRawText();
            var actual = (await onPostgres.Admin.GetJson(query)).GetProperty("groups").GetRawText();

            actual.Should().Be(expected, $"stats by {by}");
        }

        var errors = LoggingApi.Query(LoggingApi.ErrorRate, LoggingApi.Hour(hour));
        (await onPostgres.Admin.GetJson(errors)).GetRawText().Should().Be((await onSqlite.Admin.GetJson(errors)).GetRawText());
        (await postgres.Scalar(modules["Logging"], "SELECT COUNT(*) FROM \"LogRecords\"")).Should().Be(records.Length);
    }
}
