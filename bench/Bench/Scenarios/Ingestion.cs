using System.Globalization;
using System.Text.Json;

namespace Monolith.Bench.Scenarios;

/// <summary>6. Batches of log records posted to the Logging module (POST /api/logs), records stored per second.</summary>
internal static class Ingestion
{
    public const int BatchSize = 1000;

    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        var body = Path.Combine(bed.Root, "log-batch.json");
        await File.WriteAllTextAsync(body, JsonSerializer.Serialize(Enumerable.Range(0, BatchSize).Select(i => new
        {
            method = i % 5 == 0 ? "POST" : "GET",
            path = $"/legacy/feed/{i % 50}",
            status = i % 20 == 0 ? 503 : 200,
            durationMs = 1 + (i % 97),
            userId = $"user{i % 100}",
            shard = "eu-1",
        }), JsonSerializerOptions.Web));
        var logs = Path.Combine(bed.DataDirectory, "logging.db");
        Console.WriteLine("6. Log ingestion: POST /api/logs, " + BatchSize + " records per request");

        var rows = new List<IReadOnlyList<string>>();
        foreach (var connections in new[] { 1, 4 })
        {
            var load = new Load(new Uri(bed.Monolith.Url, "api/logs"), connections, "POST", body);
            await bench.Warm(load);
            var runs = new List<WrkResult>();
            var before = Databases.Count(logs, "LogRecords");
            for (var repetition = 0; repetition < bench.Settings.Repetitions; repetition++)
            {
                runs.Add(await bench.Once($"{repetition + 1}/{bench.Settings.Repetitions} batches of {BatchSize}", load));
            }

            var accepted = runs.Sum(r => r.Requests) * BatchSize;
            var stored = Databases.Count(logs, "LogRecords") - before;
            var records = runs.Series(r => r.PerSecond * BatchSize);
            if (connections == 4)
            {
                report.Goal("6. Log ingestion ≥ 50 000 records/s (batches of 1 000, 4 conns)", records.Format("0", " records/s"), records.Median >= 50_000);
            }

            rows.Add([
                connections.ToString(CultureInfo.InvariantCulture), records.Format(), runs.Series(r => r.P50 / 1000).Format("0.0"),
                runs.Series(r => r.P99 / 1000).Format("0.0"), accepted.ToString(CultureInfo.InvariantCulture),
                stored.ToString(CultureInfo.InvariantCulture), runs.Sum(r => r.Errors + r.BadStatus).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        report.Section("6. Log ingestion", $"""
            `POST /api/logs` with a JSON array of {BatchSize} records (the module's `MaxBatchSize`) to the Host, each request
            validated whole and stored in one transaction. "Stored" counts the rows the Logging module's table gained over
            the measured runs (it also takes the Host's own request logs, so it can exceed the records sent, never fall short).

            {Report.Table(["conns", "records/s", "p50 per batch (ms)", "p99 per batch (ms)", "records sent", "rows stored", "errors"], rows)}
            """);
    }
}
