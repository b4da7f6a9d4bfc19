using System.Globalization;

namespace Monolith.Bench.Scenarios;

/// <summary>7. Tweets posted per second by N users at once, each on its own connection, and the SQLite settings behind it.</summary>
internal static class Writes
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        var body = Path.Combine(bed.Root, "tweet.json");
        await File.WriteAllTextAsync(body, """{"text":"Posted under load by the benchmark: 42 characters or so."}""");
        var tweets = Path.Combine(bed.DataDirectory, "tweets.db");
        Console.WriteLine("7. Writes: POST /api/tweets");

        var rows = new List<IReadOnlyList<string>>();
        Series? best = null;
        foreach (var users in new[] { 1, 4, 16, 32 })
        {
            var load = new Load(new Uri(bed.Monolith.Url, "api/tweets"), users, "POST", body, [.. bed.WriterTokens.Take(users)]);
            await bench.Warm(load);
            var before = Databases.Count(tweets, "Tweets");
            var runs = new List<WrkResult>();
            for (var repetition = 0; repetition < bench.Settings.Repetitions; repetition++)
            {
                runs.Add(await bench.Once($"{repetition + 1}/{bench.Settings.Repetitions} {users} users posting", load));
            }

            var stored = Databases.Count(tweets, "Tweets") - before;
            var perSecond = runs.Series(r => r.PerSecond);
            if (best is null || perSecond.Median > best.Median)
            {
                best = perSecond;
            }

            rows.Add([
                users.ToString(CultureInfo.InvariantCulture), perSecond.Format(), runs.Series(r => r.P50 / 1000).Format("0.00"),
                runs.Series(r => r.P99 / 1000).Format("0.00"), runs.Sum(r => r.Requests).ToString(CultureInfo.InvariantCulture),
                stored.ToString(CultureInfo.InvariantCulture), runs.Sum(r => r.Errors + r.BadStatus).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        report.Goal("7. Tweets posted per second (reported; best N)", best!.Format("0", " tweets/s"), null);
        report.Section("7. Writes: tweets posted per second", $"""
            `POST /api/tweets` to the Host, N users each on their own connection (requests take the N tokens in turn).
            Every post is validated, stored with its outbox event in one transaction, and answered 201 once committed.
            "Rows stored" is what the Tweets table gained over the measured runs; it should equal the requests served.

            {Report.Table(["users (conns)", "tweets/s", "p50 (ms)", "p99 (ms)", "requests", "rows stored", "errors"], rows)}
            SQLite as the module sees it: `journal_mode={Databases.Pragma(tweets, "journal_mode")}` (set by the migrator),
            `synchronous={Databases.Pragma(tweets, "synchronous")}` (per connection; 2 = FULL, the provider's default),
            connection pooling on, one file per module.
            """);
    }
}
