namespace Host.IntegrationTests.Logging;

/// <summary>
/// The statistics come from per-minute and per-hour roll-ups kept at ingestion (docs/adr/0042): on a real Host and
/// SQLite file, generated traffic gives the exact counts and percentiles within 1 % of the exact ones, for every
/// grouping and a window that starts and ends mid-minute; the retention purge of raw records leaves them as they were.
/// </summary>
public sealed class RollupTests(RollupTests.RetainingHost host) : IClassFixture<RollupTests.RetainingHost>
{
    public static TheoryData<string> Groupings => ["path", "route", "module", "user", "status", "minute"];

    [Theory]
    [MemberData(nameof(Groupings))]
    public async Task Statistics_over_a_window_cut_mid_minute_have_exact_counts_and_percentiles_within_1_percent(string by)
    {
        var (hour, traffic) = await host.Traffic();
        var (from, to) = (hour.AddMinutes(-9.5).AddMilliseconds(123), hour.AddHours(2).AddMinutes(47).AddMilliseconds(999));

        var stats = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, ("by", by), ("from", from), ("to", to), ("limit", 500)));

        GeneratedTraffic.ShouldMatch(stats, traffic.Exact(by, from, to), $"by {by}");
    }

    [Fact]
    public async Task Purging_raw_records_past_the_retention_keeps_the_statistics_of_their_minutes()
    {
        // Far older than the retention of a day, so the purge takes all of them; a window in whole minutes.
        var hour = new DateTimeOffset(2025, 9, 1, 10, 0, 0, TimeSpan.Zero);
        var traffic = new GeneratedTraffic(hour, 1_000, seed: 21);
        await host.Sender.Store([.. traffic.Bodies]);
        var window = new (string, object?)[] { ("from", hour.AddMinutes(-15)), ("to", hour.AddHours(3).AddMinutes(10)), ("limit", 500) };
        var before = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "user"), .. window]));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Records, [.. window]))).GetProperty("items").GetArrayLength() > 0)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the purge runs every 100 ms");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var after = await host.Admin.GetJson(LoggingApi.Query(LoggingApi.Stats, [("by", "user"), .. window]));
        before.GetProperty("groups").GetArrayLength().Should().BeGreaterThan(10);
        after.GetProperty("groups").GetRawText().Should().Be(before.GetProperty("groups").GetRawText());
    }

    /// <summary>A Logging Host that keeps raw records for a day and looks for older ones every 100 ms.</summary>
    public sealed class RetainingHost : LoggingHost
    {
        private readonly SemaphoreSlim storing = new(1, 1);
        private GeneratedTraffic? traffic;
        private DateTimeOffset hour;

        public RetainingHost()
        {
            With("Modules:Logging:Retention:RawRecords", "1.00:00:00");
            With("Modules:Logging:Retention:Interval", "00:00:00.100");
        }

        /// <summary>
        /// 3 000 generated records within the last day (so the purge leaves them), stored once for every test that asks,
        /// and the hour they start from.
        /// </summary>
        public async Task<(DateTimeOffset Hour, GeneratedTraffic Traffic)> Traffic()
        {
            await storing.WaitAsync();
            try
            {
                if (traffic is null)
                {
                    var now = Clock.GetUtcNow();
                    hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-4);
                    var generated = new GeneratedTraffic(hour, 3_000, seed: 20);
                    foreach (var batch in generated.Bodies.Chunk(1000))
                    {
                        await Sender.Store(batch);
                    }

                    traffic = generated;
                }

                return (hour, traffic);
            }
            finally
            {
                storing.Release();
            }
        }
    }
}
