using Logging.Application;
using Logging.Data;
using Logging.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModuleKit.Data;

namespace Logging.Tests.Data;

/// <summary>The roll-up of records stored before the roll-ups existed, and the retention purge, on a real SQLite file.</summary>
public sealed class LogMaintenanceTests : IDisposable
{
    private static readonly AnalysisWindow Everything = new(GeneratedRecords.FirstHour.AddHours(-1), GeneratedRecords.FirstHour.AddHours(4));

    private readonly string path = Path.Combine(Path.GetTempPath(), $"logging-maintenance-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Records_stored_before_the_roll_ups_are_rolled_up_once_in_batches_and_until_then_the_raw_records_answer()
    {
        await using var db = GeneratedRecords.Database(path);
        // As the migration finds a database with records: stored without roll-ups, and the backfill marker above them.
        db.Records.AddRange(GeneratedRecords.Make(5_000, seed: 5));
        await db.SaveChangesAsync();
        var below = await db.Records.MaxAsync(r => r.Number) + 1;
        await db.Backfill.Where(b => b.Id == 1).ExecuteUpdateAsync(b => b.SetProperty(x => x.Below, below));
        var newer = GeneratedRecords.Make(300, seed: 6);
        await new LogRecordWriter(db).StoreAsync(newer, CancellationToken.None);
        var exact = await new RawStatistics(db).GroupAsync(Grouping.User, Everything, RequestStatistics.MaxGroups, CancellationToken.None);
        var maintenance = Maintenance(batchSize: 1_000);

        var whilePending = await Statistics(db).GroupAsync(Grouping.User, Everything, RequestStatistics.MaxGroups, CancellationToken.None);
        var batches = 0;
        while (await maintenance.BackfillOnceAsync(CancellationToken.None))
        {
            batches++;
        }

        var after = await Statistics(db).GroupAsync(Grouping.User, Everything, RequestStatistics.MaxGroups, CancellationToken.None);
        whilePending.Should().Equal(exact, "until every older record is rolled up, the raw records answer");
        batches.Should().Be(4, "5 000 records in batches of 1 000: four that leave more, and the last");
        RollupStatisticsTests.ShouldAgree(after, exact, "after the roll-up of older records");
        (await maintenance.BackfillOnceAsync(CancellationToken.None)).Should().BeFalse();
        (await maintenance.CompactOnceAsync(CancellationToken.None)).Should().BeGreaterThan(0);
        (await db.Rollups.Where(r => r.Dimension == RollupDimension.All && r.Span == RollupSpan.Hour).SumAsync(r => r.Requests)).Should().Be(5_300);
    }

    [Fact]
    public async Task The_retention_purge_deletes_old_raw_records_in_batches_and_the_statistics_of_their_minutes_stay()
    {
        await using var db = GeneratedRecords.Database(path);
        await new LogRecordWriter(db).StoreAsync(GeneratedRecords.Make(3_000, seed: 9), CancellationToken.None);
        var cutoff = GeneratedRecords.FirstHour.AddHours(1);
        var kept = await db.Records.CountAsync(r => r.Timestamp >= cutoff);
        var window = new AnalysisWindow(GeneratedRecords.FirstHour.AddMinutes(-10), GeneratedRecords.FirstHour.AddHours(3));
        var before = await Statistics(db).GroupAsync(Grouping.Path, window, RequestStatistics.MaxGroups, CancellationToken.None);
        var rate = await Statistics(db).CountErrorsAsync(window, CancellationToken.None);
        var maintenance = Maintenance(batchSize: 400, retention: TimeSpan.FromDays(1), now: cutoff.AddDays(1).AddSeconds(30));
        await maintenance.CompactOnceAsync(CancellationToken.None);

        var deleted = new List<int>();
        while (deleted.LastOrDefault(400) == 400)
        {
            deleted.Add(await maintenance.PurgeOnceAsync(CancellationToken.None));
        }

        deleted.Should().OnlyContain(n => n <= 400);
        deleted.Sum().Should().Be(3_000 - kept);
        (await db.Records.CountAsync()).Should().Be(kept);
        (await db.Records.AnyAsync(r => r.Timestamp < cutoff)).Should().BeFalse();
        (await Statistics(db).GroupAsync(Grouping.Path, window, RequestStatistics.MaxGroups, CancellationToken.None)).Should().Equal(before);
        (await Statistics(db).CountErrorsAsync(window, CancellationToken.None)).Should().Be(rate);
    }

    [Fact]
    public async Task Without_a_retention_nothing_is_purged()
    {
        await using var db = GeneratedRecords.Database(path);
        await new LogRecordWriter(db).StoreAsync(GeneratedRecords.Make(100, seed: 1), CancellationToken.None);

        var deleted = await Maintenance(batchSize: 10).PurgeOnceAsync(CancellationToken.None);

        deleted.Should().Be(0);
        (await db.Records.CountAsync()).Should().Be(100);
    }

    public void Dispose() => GeneratedRecords.Delete(path);

    private static RequestStatistics Statistics(LoggingDbContext db) => new(db, new RawStatistics(db), new RollupStatistics(db));

    private LogMaintenance Maintenance(int batchSize, TimeSpan? retention = null, DateTimeOffset? now = null)
    {
        var services = new ServiceCollection();
        services.AddDbContext<LoggingDbContext>(options => ModuleDatabase.Use(options, ModuleDatabase.SqliteProvider, $"Data Source={path}"));
        services.Configure<LoggingOptions>(o =>
        {
            o.Retention.BatchSize = batchSize;
            o.Retention.RawRecords = retention;
            o.Rollups.BatchSize = 100_000;
        });
        var provider = services.BuildServiceProvider();
        return new LogMaintenance(
            provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<IOptionsMonitor<LoggingOptions>>(),
            new FixedClock(now ?? DateTimeOffset.UtcNow), NullLogger<LogMaintenance>.Instance);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
