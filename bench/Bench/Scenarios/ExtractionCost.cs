using System.Globalization;

namespace Monolith.Bench.Scenarios;

/// <summary>
/// 3. A whole user request, the home timeline (Tweets, which asks Users for display names through its contract),
/// with every module in the Host and with Tweets and Users extracted. Samples the Host's memory meanwhile (scenario 8).
/// </summary>
internal static class ExtractionCost
{
    public static async Task<Series> Run(Bench bench, Bed bed, Report report)
    {
        const string Path = "api/tweets/home";
        var inProcess = new Side("every module in the Host", new Load(new Uri(bed.Monolith.Url, Path), 1, Tokens: [bed.ReaderToken]));
        var extracted = new Side("Tweets and Users extracted", new Load(new Uri(bed.FrontDoor.Url, Path), 1, Tokens: [bed.ReaderToken]));
        Console.WriteLine("3. Extraction cost: GET /" + Path);

        var memory = new List<double>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                memory.Add(bed.Monolith.ResidentMegabytes());
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        var (one, many) = await bench.AtOneAndMany(inProcess, extracted);
        await sampling.CancelAsync();
        await sampler;

        var added = one.Added(r => r.P50);
        var addedP99 = one.Added(r => r.P99);
        var throughput = many.Ratio(r => r.PerSecond);
        // At full load a request's cost is the machine's time it takes: 1/throughput, both sides on the same two cores.
        var perRequest = new Series(many.A.Zip(many.B, (a, b) => (1e6 / b.PerSecond) - (1e6 / a.PerSecond)));
        report.Goal("3. Extraction cost per home-timeline request (reported)",
            string.Create(CultureInfo.InvariantCulture, $"+{added.Format(unit: " µs")} p50 at 1 conn; {throughput.Format("0.00", "×")} throughput at 32 conns"), null);
        report.Section("3. In-process vs extracted: the home timeline", $"""
            `GET /{Path}` for an account following 20 others (a page of 20 tweets by 20 authors, whose names Tweets asks
            Users for in one `GetUserSummaries` call). In-process: one Host. Extracted: front door → Tweets.Service →
            Users.Service (each service told the other's address), two loopback hops per request.
            Errors or non-2xx answers: {many.Errors + one.Errors}.

            {SideTable.Of(inProcess, extracted, one, many)}
            Extraction adds {added.Format(unit: " µs")} at p50 and {addedP99.Format(unit: " µs")} at p99 on one connection;
            at 32 connections it gives {throughput.Format("0.00", "×")} the throughput, that is {perRequest.Format("0", " µs")} more
            machine time per request.
            """);
        return new Series(memory.Where(m => !double.IsNaN(m)));
    }
}
