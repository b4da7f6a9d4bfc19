using Logging.Data;
using Logging.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Data;

namespace Logging.Tests.Data;

/// <summary>
/// Random but repeatable traffic for the roll-up tests: skewed paths and users, missing keys, missing durations,
/// equal durations, log-normal latencies, spread over about three hours with timestamps to the millisecond.
/// </summary>
internal static class GeneratedRecords
{
    public static readonly DateTimeOffset FirstHour = new(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly int?[] Statuses = [200, 200, 200, 200, 201, 204, 304, 400, 404, 404, 429, 500, 502, 503, null];

    /// <summary>Records from 13 minutes before <see cref="FirstHour"/> to 3 hours and 5 minutes after it.</summary>
    public static List<LogRecord> Make(int count, int seed)
    {
        var random = new Random(seed);
        var start = FirstHour.AddMinutes(-13).ToUnixTimeMilliseconds();
        var length = (long)TimeSpan.FromMinutes(198).TotalMilliseconds;
        return [.. Enumerable.Range(0, count).Select(i => new LogRecord
        {
            RecordId = $"gen-{seed}-{i}",
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(start + random.NextInt64(length)),
            Method = "GET",
            Path = $"/api/p{Skewed(random, 40)}",
            Route = random.Next(10) == 0 ? null : $"/api/r{Skewed(random, 8)}",
            Status = Statuses[random.Next(Statuses.Length)],
            DurationMs = Duration(random),
            UserId = random.Next(8) == 0 ? null : $"user{Skewed(random, 300)}",
            Module = random.Next(20) == 0 ? null : $"M{random.Next(4)}",
            Source = LogSources.Api,
        })];
    }

    public static LoggingDbContext Database(string path)
    {
        var options = new DbContextOptionsBuilder<LoggingDbContext>();
        ModuleDatabase.Use(options, ModuleDatabase.SqliteProvider, $"Data Source={path}");
        var db = new LoggingDbContext(options.Options);
        db.Database.Migrate();
        return db;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Small numbers far more often than large ones, as real paths and users are.</summary>
    private static int Skewed(Random random, int max) => (int)(max * Math.Pow(random.NextDouble(), 3));

    private static double? Duration(Random random)
    {
        var pick = random.Next(50);
        if (pick == 0)
        {
            return null;
        }

        if (pick == 1)
        {
            return 5;
        }

        // Log-normal around 8 ms, a tail into seconds, kept to the microsecond as the Host measures.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Round(Math.Exp(2 + (1.3 * normal)), 3);
    }
}
