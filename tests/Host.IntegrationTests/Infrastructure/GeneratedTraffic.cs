using System.Globalization;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// Repeatable random request records over about three hours, and the exact statistics a window of them has,
/// worked out here record by record (nearest-rank percentiles), to hold the module's rolled-up answers against.
/// </summary>
public sealed class GeneratedTraffic
{
    private static readonly int[] Statuses = [200, 200, 200, 201, 304, 400, 404, 429, 500, 503];

    private readonly List<Generated> records;

    public GeneratedTraffic(DateTimeOffset firstHour, int count, int seed)
    {
        var random = new Random(seed);
        var start = firstHour.AddMinutes(-13);
        var id = LoggingApi.Unique("traffic");
        records = [.. Enumerable.Range(0, count).Select(i => new Generated(
            $"{id}-{i}",
            start.AddMilliseconds(random.NextInt64((long)TimeSpan.FromMinutes(198).TotalMilliseconds)),
            $"/api/p{Skewed(random, 30)}",
            random.Next(10) == 0 ? null : $"/api/r{Skewed(random, 6)}",
            Statuses[random.Next(Statuses.Length)],
            Math.Round(Math.Exp(2 + (1.3 * Normal(random))), 3),
            random.Next(8) == 0 ? null : $"user{Skewed(random, 200)}",
            $"M{random.Next(4)}"))];
    }

    /// <summary>The records in the <c>/api/logs</c> format.</summary>
    public IEnumerable<object> Bodies => records.Select(r => (object)LoggingApi.Record(
        r.Path, r.Status, r.DurationMs, r.At, r.Module, r.UserId, id: r.Id, route: r.Route));

    /// <summary>Each group of the window with its exact numbers: the largest first (ties by key, a missing key first), minutes in time order.</summary>
    public IReadOnlyList<ExactGroup> Exact(string by, DateTimeOffset from, DateTimeOffset to)
    {
        var groups = records.Where(r => r.At >= from && r.At < to).GroupBy(r => KeyOf(r, by)).Select(g =>
        {
            var durations = g.Select(r => r.DurationMs).Order().ToList();
            double Rank(int percent) => durations[(int)((((long)percent * durations.Count) + 99) / 100) - 1];
            return new ExactGroup(g.Key, g.Count(), g.Count(r => r.Status >= 500), Rank(50), Rank(95), Rank(99));
        });
        return by == "minute"
            ? [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)]
            : [.. groups.OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>Asserts that a <c>/api/logs/stats</c> answer holds exactly these groups and counts, percentiles within 1 %.</summary>
    public static void ShouldMatch(JsonElement stats, IReadOnlyList<ExactGroup> exact, string because)
    {
        var groups = stats.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => (g.GetProperty("key").GetString(), g.GetProperty("count").GetInt64(), g.GetProperty("errors").GetInt64()))
            .Should().Equal(exact.Select(g => (g.Key, (long)g.Count, (long)g.Errors)), because);
        foreach (var (group, expected) in groups.Zip(exact))
        {
            foreach (var (name, value) in new[] { ("p50", expected.P50), ("p95", expected.P95), ("p99", expected.P99) })
            {
                group.GetProperty(name).GetDouble().Should().BeApproximately(value, value * 0.01, $"{because}: {name} of {expected.Key}");
            }
        }
    }

    private static string? KeyOf(Generated record, string by) => by switch
    {
        "path" => record.Path,
        "route" => record.Route,
        "module" => record.Module,
        "user" => record.UserId,
        "status" => record.Status.ToString(CultureInfo.InvariantCulture),
        "minute" => new DateTimeOffset(record.At.Ticks - (record.At.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(by)),
    };

    private static int Skewed(Random random, int max) => (int)(max * Math.Pow(random.NextDouble(), 3));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed record Generated(string Id, DateTimeOffset At, string Path, string? Route, int Status, double DurationMs, string? UserId, string Module);
}

public sealed record ExactGroup(string? Key, int Count, int Errors, double P50, double P95, double P99);
