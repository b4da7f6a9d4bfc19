using System.Globalization;
using Tests.Shared;

namespace Monolith.Bench.Scenarios;

/// <summary>
/// 9. The same Host with every module's data on PostgreSQL (a throwaway server on loopback, one database per module)
/// beside the embedded SQLite files: the home timeline (scenario 3's read) and posting (scenario 7's write),
/// each pair of runs interleaved.
/// </summary>
internal static class OnPostgres
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        Console.WriteLine("9. Modules on PostgreSQL: starting a server");
        await using var server = await PostgresServer.StartAsync();
        var (postgres, connections) = await bed.StartOnPostgres(server);

        const string Home = "api/tweets/home";
        var onSqlite = new Side("SQLite (embedded)", new Load(new Uri(bed.Monolith.Url, Home), 1, Tokens: [bed.ReaderToken]));
        var onPostgres = new Side("PostgreSQL 15 (loopback)", new Load(new Uri(postgres.Url, Home), 1, Tokens: [bed.ReaderToken]));
        Console.WriteLine("9. Home timeline: SQLite and PostgreSQL");
        var (one, many) = await bench.AtOneAndMany(onSqlite, onPostgres);

        var body = Path.Combine(bed.Root, "tweet-pg.json");
        await File.WriteAllTextAsync(body, """{"text":"Posted under load by the benchmark: 42 characters or so."}""");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var users in new[] { 1, 32 })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"9. Writes: {users} users posting, SQLite and PostgreSQL"));
            var tokens = bed.WriterTokens.Take(users).ToList();
            var sqliteWrites = new Side("SQLite", new Load(new Uri(bed.Monolith.Url, "api/tweets"), users, "POST", body, tokens));
            var postgresWrites = new Side("PostgreSQL", new Load(new Uri(postgres.Url, "api/tweets"), users, "POST", body, tokens));
            await bench.Warm(sqliteWrites.Load, postgresWrites.Load);
            var storedBefore = Databases.CountPostgres(connections["Tweets"], "Tweets");
            var writes = await bench.Interleave(sqliteWrites, postgresWrites, users);
            var stored = Databases.CountPostgres(connections["Tweets"], "Tweets") - storedBefore;
            rows.Add([
                users.ToString(CultureInfo.InvariantCulture),
                writes.A.Series(r => r.PerSecond).Format(), writes.B.Series(r => r.PerSecond).Format(), writes.Ratio(r => r.PerSecond).Format("0.00", "×"),
                writes.A.Series(r => r.P99 / 1000).Format("0.00"), writes.B.Series(r => r.P99 / 1000).Format("0.00"),
                string.Create(CultureInfo.InvariantCulture, $"{stored} of {writes.B.Sum(r => r.Requests)}"),
                writes.Errors.ToString(CultureInfo.InvariantCulture),
            ]);
        }

        var readRatio = many.Ratio(r => r.PerSecond);
        report.Goal("9. Home timeline on PostgreSQL vs SQLite (reported)",
            string.Create(CultureInfo.InvariantCulture, $"+{one.Added(r => r.P50).Format(unit: " µs")} p50 at 1 conn; {readRatio.Format("0.00", "×")} throughput at 32 conns"), null);
        report.Section("9. Modules on PostgreSQL", $"""
            Two Hosts, every module in-process, seeded alike: one on the embedded SQLite files, one with every module's data
            on a PostgreSQL 15 server on loopback (`Modules:<Name>:Database:Provider` `Postgres`, a database per module,
            fsync off as in the tests; the server shares the two cores with everything else). Errors or non-2xx answers: {one.Errors + many.Errors}.

            `GET /{Home}` (a page of 20 tweets by 20 authors, names from Users through its contract):

            {SideTable.Of(onSqlite, onPostgres, one, many)}
            `POST /api/tweets`, N users each on their own connection, the two Hosts in turn ("stored" counts the rows the
            PostgreSQL side's Tweets table gained over its runs, against the answers wrk counted; it may exceed them by
            the posts still in flight when each run's clock stopped, at most N per run):

            {Report.Table(["users (conns)", "SQLite tweets/s", "PostgreSQL tweets/s", "ratio", "SQLite p99 (ms)", "PostgreSQL p99 (ms)", "stored (PostgreSQL)", "errors"], rows)}
            """);
    }
}
