using Logging.Application;
using Logging.Data;
using Logging.Domain;
using Microsoft.EntityFrameworkCore;

namespace Logging.Tests.Data;

/// <summary>
/// The roll-ups against the raw records on a real, migrated SQLite file: for generated traffic (most of it folded into
/// the roll-ups, the last batch still as deltas), every grouping and windows aligned to hours, cut mid-minute and
/// inside one minute, the same groups in the same order with the same counts, and percentiles within 1 % of the exact
/// nearest-rank ones.
/// </summary>
public sealed class RollupStatisticsTests(RollupStatisticsTests.Traffic traffic) : IClassFixture<RollupStatisticsTests.Traffic>, IDisposable
{
    private static readonly DateTimeOffset Hour = GeneratedRecords.FirstHour;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"logging-rollups-{Guid.NewGuid():N}.db");

    public static TheoryData<string, string> Windows => new()
    {
        { "a whole hour", $"{Hour:O}|{Hour.AddHours(1):O}" },
        { "hours with minutes and parts of minutes at both ends", $"{Hour.AddMinutes(-9.5).AddMilliseconds(123):O}|{Hour.AddHours(2).AddMinutes(47).AddMilliseconds(999):O}" },
        { "minutes only, cut mid-minute", $"{Hour.AddMinutes(14).AddSeconds(7):O}|{Hour.AddMinutes(52).AddSeconds(31):O}" },
        { "inside one minute", $"{Hour.AddMinutes(15).AddSeconds(10):O}|{Hour.AddMinutes(15).AddSeconds(50):O}" },
        { "everything", $"{Hour.AddHours(-1):O}|{Hour.AddHours(4):O}" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Rolled_up_statistics_have_the_exact_counts_and_percentiles_within_1_percent_of_the_raw_ones(string window, string bounds)
    {
        await using var db = GeneratedRecords.Database(traffic.Path);
        var analysed = Window(bounds);
        foreach (var grouping in Grouping.All)
        {
            var exact = await new RawStatistics(db).GroupAsync(grouping, analysed, RequestStatistics.MaxGroups, CancellationToken.None);
            var rolledUp = await Rollups(db).GroupAsync(grouping, analysed, RequestStatistics.MaxGroups, CancellationToken.None);

            exact.Should().NotBeEmpty();
            ShouldAgree(rolledUp, exact, $"{window}, by {grouping.Name}");
        }

        (await Rollups(db).CountErrorsAsync(analysed, CancellationToken.None))
            .Should().Be(await new RawStatistics(db).CountErrorsAsync(analysed, CancellationToken.None), window);
    }

    [Fact]
    public async Task The_roll_ups_answer_from_their_own_rows_not_from_the_raw_records()
    {
        await using var db = GeneratedRecords.Database(path);
        await new LogRecordWriter(db).StoreAsync(GeneratedRecords.Make(2_000, seed: 3), CancellationToken.None);
        var window = new AnalysisWindow(Hour, Hour.AddHours(1));
        var before = await Rollups(db).GroupAsync(Grouping.Path, window, 10, CancellationToken.None);

        // Raw records of whole minutes are not read: without them the answer stays.
        await db.Records.Where(r => r.Timestamp >= Hour && r.Timestamp < Hour.AddHours(1)).ExecuteDeleteAsync();
        var after = await Rollups(db).GroupAsync(Grouping.Path, window, 10, CancellationToken.None);

        (await new RawStatistics(db).GroupAsync(Grouping.Path, window, 10, CancellationToken.None)).Should().BeEmpty();
        after.Should().Equal(before);
    }

    [Fact]
    public async Task A_resent_batch_and_an_id_twice_in_one_batch_are_counted_once()
    {
        await using var db = GeneratedRecords.Database(path);
        var writer = new LogRecordWriter(db);
        var records = GeneratedRecords.Make(500, seed: 11);

        await writer.StoreAsync([.. records, records[0]], CancellationToken.None);
        await writer.StoreAsync(records, CancellationToken.None);

        var window = new AnalysisWindow(Hour.AddHours(-1), Hour.AddHours(4));
        var (total, _, _) = await Rollups(db).CountErrorsAsync(window, CancellationToken.None);
        await new RollupCompaction(db).FoldAsync(int.MaxValue, CancellationToken.None);
        total.Should().Be(500);
        (await db.Rollups.Where(r => r.Dimension == RollupDimension.All && r.Span == RollupSpan.Hour).SumAsync(r => r.Requests)).Should().Be(500);
    }

    [Fact]
    public async Task Folding_the_deltas_in_batches_of_any_size_changes_no_answer()
    {
        await using var db = GeneratedRecords.Database(path);
        var writer = new LogRecordWriter(db);
        foreach (var batch in GeneratedRecords.Make(4_000, seed: 13).Chunk(500))
        {
            await writer.StoreAsync(batch, CancellationToken.None);
        }

        var window = new AnalysisWindow(Hour.AddMinutes(-7.25), Hour.AddHours(2).AddMinutes(31));
        var before = await Answers(db, window);
        var folded = new List<int>();
        while (folded.LastOrDefault(-1) != 0)
        {
            folded.Add(await new RollupCompaction(db).FoldAsync(777, CancellationToken.None));
        }

        var after = await Answers(db, window);
        folded.Should().HaveCountGreaterThan(2).And.OnlyContain(n => n <= 777);
        (await db.RollupDeltas.CountAsync()).Should().Be(0);
        for (var i = 0; i < before.Count; i++)
        {
            after[i].Should().Equal(before[i], $"by {Grouping.All[i].Name}");
        }
    }

    public void Dispose() => GeneratedRecords.Delete(path);

    /// <summary>Same groups in the same order with the same counts; percentiles within 1 % (both missing when one is).</summary>
    internal static void ShouldAgree(IReadOnlyList<GroupStatistics> rolledUp, IReadOnlyList<GroupStatistics> exact, string because)
    {
        rolledUp.Select(g => (g.Key, g.Count, g.Errors, g.ErrorRate)).Should().Equal(exact.Select(g => (g.Key, g.Count, g.Errors, g.ErrorRate)), because);
        foreach (var (actual, expected) in rolledUp.Zip(exact))
        {
            Close(actual.P50, expected.P50, $"{because}, p50 of {expected.Key}");
            Close(actual.P95, expected.P95, $"{because}, p95 of {expected.Key}");
            Close(actual.P99, expected.P99, $"{because}, p99 of {expected.Key}");
        }
    }

    private static void Close(double? actual, double? expected, string because)
    {
        if (expected is null)
        {
            actual.Should().BeNull(because);
            return;
        }

        actual.Should().NotBeNull(because);
        actual!.Value.Should().BeApproximately(expected.Value, expected.Value * 0.01, because);
    }

    private static AnalysisWindow Window(string bounds)
    {
        var parts = bounds.Split('|');
        return new AnalysisWindow(DateTimeOffset.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<IReadOnlyList<GroupStatistics>>> Answers(LoggingDbContext db, AnalysisWindow window)
    {
        var answers = new List<IReadOnlyList<GroupStatistics>>();
        foreach (var grouping in Grouping.All)
        {
            answers.Add(await Rollups(db).GroupAsync(grouping, window, RequestStatistics.MaxGroups, CancellationToken.None));
        }

        return answers;
    }

    private static RequestStatistics Rollups(LoggingDbContext db) => new(db, new RawStatistics(db), new RollupStatistics(db));

    /// <summary>One database of generated traffic, stored in batches of 1 000 through the writer, for every window.</summary>
    public sealed class Traffic : IAsyncLifetime
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"logging-traffic-{Guid.NewGuid():N}.db");

        public async Task InitializeAsync()
        {
            await using var db = GeneratedRecords.Database(Path);
            var writer = new LogRecordWriter(db);
            var batches = GeneratedRecords.Make(15_000, seed: 7).Chunk(1000).ToList();
            foreach (var batch in batches.SkipLast(1))
            {
                await writer.StoreAsync(batch, CancellationToken.None);
            }

            await new RollupCompaction(db).FoldAsync(int.MaxValue, CancellationToken.None);
            await writer.StoreAsync(batches[^1], CancellationToken.None);
        }

        public Task DisposeAsync()
        {
            GeneratedRecords.Delete(Path);
            return Task.CompletedTask;
        }
    }
}
