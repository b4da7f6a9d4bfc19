using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tests.Shared;

namespace Monolith.Bench.Scenarios;

/// <summary>
/// 10. (11. on PostgreSQL) Log analysis over a day that holds N records: a Host of its own with an empty Logging database is seeded
/// through <c>POST /api/logs</c> (the ingestion path, so the roll-ups are built as in production: batches of
/// <see cref="BatchSize"/>, in time order, two senders), then every analysis query over the day is timed.
/// </summary>
internal static class LogAnalysis
{
    public const int BatchSize = 4000;
    private const int Senders = 2;
    private const string Admin = "bench_admin";

    public static async Task Run(Bench bench, Bed bed, Report report, int records, bool onPostgres)
    {
        var side = onPostgres ? "PostgreSQL 15 (loopback)" : "SQLite (embedded)";
        var scenario = onPostgres ? "11." : "10.";
        Console.WriteLine($"{scenario} Log analysis on {side}: {records} records over a day");
        await using var server = onPostgres ? await PostgresServer.StartAsync() : null;
        var data = Path.Combine(bed.Root, onPostgres ? "analysis-postgres" : "analysis-sqlite");
        Directory.CreateDirectory(data);
        var settings = bed.StandaloneHost(onPostgres ? "analysis-postgres" : "analysis-sqlite", data);
        settings["RequestLogShipping:Enabled"] = "false";
        settings["Modules:Users:Admins:0"] = Admin;
        settings["Modules:Logging:Ingestion:MaxBatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);
        string? connection = null;
        if (server is not null)
        {
            connection = await server.CreateDatabaseAsync("bench_analysis");
            settings["Modules:Logging:Database:Provider"] = "Postgres";
            settings["Modules:Logging:Database:ConnectionString"] = connection;
        }

        using var host = new AppProcess(onPostgres ? "host-analysis-postgres" : "host-analysis-sqlite", bed.HostDll, bed.LogDirectory, settings);
        await host.Start(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AdminToken(client));

        var day = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
        var seeding = Stopwatch.StartNew();
        var stored = await Seed(client, day, records, scenario);
        seeding.Stop();
        // The statistics are right at any moment, but fastest once the deltas ingestion wrote are folded into the roll-ups.
        var folding = Stopwatch.StartNew();
        Func<long> deltas = connection is null
            ? () => Databases.Count(Path.Combine(data, "logging.db"), "LogRollupDeltas")
            : () => Databases.CountPostgres(connection, "LogRollupDeltas");
        while (deltas() > 0)
        {
            await Task.Delay(500);
        }

        folding.Stop();
        Console.WriteLine($"{scenario} Seeded {stored} records in {seeding.Elapsed.TotalSeconds:0} s, folded {folding.Elapsed.TotalSeconds:0} s later; timing the queries");

        var from = day.ToString("O", CultureInfo.InvariantCulture);
        var to = day.AddDays(1).ToString("O", CultureInfo.InvariantCulture);
        var cutFrom = day.AddSeconds(30.5).ToString("O", CultureInfo.InvariantCulture);
        var cutTo = day.AddDays(1).AddSeconds(-29.5).ToString("O", CultureInfo.InvariantCulture);
        var window = $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";
        var queries = new (string Name, string Uri)[]
        {
            ("stats by module", $"api/logs/stats?by=module&{window}"),
            ("stats by path", $"api/logs/stats?by=path&{window}"),
            ("stats by user", $"api/logs/stats?by=user&{window}"),
            ("stats by minute (latest 60)", $"api/logs/stats?by=minute&limit=60&{window}"),
            ("stats by minute (latest 500)", $"api/logs/stats?by=minute&limit=500&{window}"),
            ("stats by route", $"api/logs/stats?by=route&{window}"),
            ("stats by status", $"api/logs/stats?by=status&{window}"),
            ("top paths", $"api/logs/top-paths?limit=8&{window}"),
            ("error rate", $"api/logs/error-rate?{window}"),
            ("stats by path, window cut mid-minute", $"api/logs/stats?by=path&from={Uri.EscapeDataString(cutFrom)}&to={Uri.EscapeDataString(cutTo)}"),
        };

        var rows = new List<IReadOnlyList<string>>();
        var worst = 0.0;
        foreach (var (name, uri) in queries)
        {
            var (times, counted) = await Time(client, uri, bench.Settings.Repetitions);
            worst = Math.Max(worst, times.Median);
            rows.Add([name, times.Format("0.0"), counted]);
        }

        report.Goal($"{scenario} Each log analysis query over a day of {records:N0} records ≤ 100 ms ({side}, slowest median)",
            worst.ToString("0.0", CultureInfo.InvariantCulture) + " ms", worst <= 100);
        report.Section($"{scenario} Log analysis over a day of {records:N0} records, {side}", $"""
            A Host of its own (request-log shipping off, an empty Logging database), seeded through `POST /api/logs` in
            batches of {BatchSize} records (`Modules:Logging:Ingestion:MaxBatchSize` raised to that), in time order, {Senders}
            senders: {stored:N0} records stored in {seeding.Elapsed.TotalSeconds:0} s ({stored / seeding.Elapsed.TotalSeconds:0} records/s,
            roll-up deltas included); the background compaction had folded every delta {folding.Elapsed.TotalSeconds:0} s after the last batch. The day is {day:yyyy-MM-dd} (UTC); traffic shaped like the bench's own: 3 modules, 15 routes,
            about 310 paths, 500 users and anonymous requests, log-normal latencies. Each query is sent once to warm up, then
            {bench.Settings.Repetitions} times one after another; the time is the whole HTTP round trip on loopback.

            {Report.Table(["query (window: the whole day)", "ms: median (min–max)", "requests counted in the answer"], rows)}
            """);
    }

    private static async Task<string> AdminToken(HttpClient client)
    {
        const string Password = "correct horse battery";
        using (var created = await client.PostAsJsonAsync("api/users", new { id = Admin, password = Password, displayName = "Bench admin" }))
        {
            created.EnsureSuccessStatusCode();
        }

        using var login = await client.PostAsJsonAsync("api/users/login", new { id = Admin, password = Password });
        login.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<long> Seed(HttpClient client, DateTimeOffset day, int records, string scenario)
    {
        var batches = (records + BatchSize - 1) / BatchSize;
        var next = -1;
        long stored = 0;
        var start = day.ToUnixTimeMilliseconds();
        var step = TimeSpan.FromDays(1).TotalMilliseconds / records;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var first = batch * BatchSize;
                var body = Traffic.Batch(first, Math.Min(BatchSize, records - first), start, step);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("api/logs", content);
                var answer = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /api/logs answered {(int)response.StatusCode}: {answer}");
                }

                Interlocked.Add(ref stored, JsonDocument.Parse(answer).RootElement.GetProperty("stored").GetInt64());
                if (batch % 100 == 0)
                {
                    Console.WriteLine($"{scenario} {first + BatchSize} of {records} records sent");
                }
            }
        }));
        return stored;
    }

    private static async Task<(Series Times, string Counted)> Time(HttpClient client, string uri, int repetitions)
    {
        var counted = Counted(await Get(client, uri));
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            await Get(client, uri);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (new Series(times), counted);
    }

    private static async Task<JsonElement> Get(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The requests an answer covers: its total, or the sum over its groups (only the groups the limit kept).</summary>
    private static string Counted(JsonElement answer) =>
        (answer.TryGetProperty("total", out var total) ? total.GetInt64()
            : answer.TryGetProperty("groups", out var groups) ? groups.EnumerateArray().Sum(g => g.GetProperty("count").GetInt64())
            : answer.GetProperty("paths").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64())).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Request records shaped like the bench's traffic; record i of N sits at i / N of the day, so batches are in time order.</summary>
    private static class Traffic
    {
        private static readonly (string Module, string Method, string Route, int Ids, int Weight)[] Routes =
        [
            ("Tweets", "GET", "/api/tweets/home", 0, 30),
            ("Tweets", "POST", "/api/tweets", 0, 12),
            ("Tweets", "GET", "/api/tweets/{id:long}", 200, 10),
            ("Tweets", "GET", "/api/tweets", 0, 8),
            ("Tweets", "PUT", "/api/tweets/users/{id}/follow", 50, 2),
            ("Tweets", "GET", "/api/tweets/users/{id}", 0, 0),
            ("Users", "GET", "/api/users/{id}", 50, 10),
            ("Users", "GET", "/api/users/me", 0, 8),
            ("Users", "POST", "/api/users/login", 0, 4),
            ("Users", "POST", "/api/users", 0, 1),
            ("Users", "GET", "/api/users", 0, 3),
            ("Logging", "GET", "/api/logs/stats", 0, 1),
            ("Logging", "GET", "/api/logs/top-paths", 0, 1),
            ("Logging", "GET", "/api/logs/error-rate", 0, 1),
            ("Logging", "GET", "/api/logs/records", 0, 1),
            ("Logging", "POST", "/api/logs", 0, 3),
        ];

        private static readonly int TotalWeight = Routes.Sum(r => r.Weight);

        public static byte[] Batch(int first, int count, long start, double step)
        {
            var random = new Random(first);
            using var buffer = new MemoryStream(count * 220);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = first; i < first + count; i++)
                {
                    var (module, method, route, ids, _) = Pick(random);
                    var id = ids == 0 ? 0 : 1 + (int)(ids * Math.Pow(random.NextDouble(), 2));
                    var path = ids == 0 ? route : route[..route.IndexOf('{', StringComparison.Ordinal)] + id.ToString(CultureInfo.InvariantCulture)
                        + route[(route.IndexOf('}', StringComparison.Ordinal) + 1)..];
                    var roll = random.Next(1000);
                    var status = roll < 5 ? 500 + (roll % 4) : roll < 40 ? (roll % 2 == 0 ? 404 : 400) : roll < 50 ? 401 : method == "POST" ? 201 : 200;
                    var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    json.WriteStartObject();
                    json.WriteString("id", $"a{i}");
                    json.WriteString("timestamp", DateTimeOffset.FromUnixTimeMilliseconds(start + (long)((i + random.NextDouble()) * step)).ToString("O", CultureInfo.InvariantCulture));
                    json.WriteString("method", method);
                    json.WriteString("path", path);
                    json.WriteString("route", route);
                    json.WriteNumber("status", status);
                    json.WriteNumber("durationMs", Math.Round(Math.Exp(0.4 + (0.9 * normal)), 3));
                    if (random.Next(5) != 0)
                    {
                        json.WriteString("userId", "user" + ((int)(500 * Math.Pow(random.NextDouble(), 2))).ToString(CultureInfo.InvariantCulture));
                    }

                    json.WriteString("module", module);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            return buffer.ToArray();
        }

        private static (string, string, string, int, int) Pick(Random random)
        {
            var roll = random.Next(TotalWeight);
            foreach (var route in Routes)
            {
                if ((roll -= route.Weight) < 0)
                {
                    return route;
                }
            }

            return Routes[0];
        }
    }
}
