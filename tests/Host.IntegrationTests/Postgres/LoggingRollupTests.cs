namespace Host.IntegrationTests.Postgres;

/// <summary>
/// On PostgreSQL the roll-ups give what they give on SQLite (docs/adr/0042): exact counts and percentiles within 1 %
/// of the exact ones for generated traffic, every grouping, a window cut mid-minute; resending a batch counts nothing twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LoggingRollupTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Rolled_up_statistics_on_PostgreSQL_have_exact_counts_and_percentiles_within_1_percent()
    {
        var modules = await postgres.Provision("rollups_", "Logging");
        await using var host = (LoggingHost)PostgresFixture.HostOn(modules, new LoggingHost());
        await ((IAsyncLifetime)host).InitializeAsync();
        var hour = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var traffic = new GeneratedTraffic(hour, 3_000, seed: 30);
        var batches = traffic.Bodies.Chunk(1000).ToList();
        foreach (var batch in batches)
        {
            await host.Sender.Store(batch);
        }

        using (var again = await host.Sender.PostLogs(batches[1]))
        {
            (await again.Json()).GetProperty("stored").GetInt32().Should().Be(0);
        }

        var (from, to) = (hour.AddMinutes(-9.5).AddMilliseconds(123), hour.AddHours(2).AddMinutes(47).AddMilliseconds(999));
        foreach (var by in new[] { "path", "route", "module", "user", "status", "minute" })
        {
            var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, ("by", by), ("from", from), ("to", to), ("limit", 500)));

            GeneratedTraffic.ShouldMatch(stats, traffic.Exact(by, from, to), $"by {by} on PostgreSQL");
        }

        // Each record once: in a minute's roll-up or in a delta not folded yet (the fold moves them in one transaction).
        (await postgres.Scalar(modules["Logging"], """
            SELECT (SELECT COALESCE(SUM("Requests"), 0) FROM "LogRollups" WHERE "Dimension" = 0 AND "Span" = 60000)
                + (SELECT COALESCE(SUM("Requests"), 0) FROM "LogRollupDeltas" WHERE "Dimension" = 0)
            """)).Should().Be(3_000);
    }
}
