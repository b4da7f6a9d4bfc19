namespace Monolith.Bench.Scenarios;

/// <summary>5. The Host's throughput with request-log shipping on and off (two Hosts, same build, same data).</summary>
internal static class Shipping
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        const string Path = "api/users/" + Bed.Reader;
        var off = new Side("Host, shipping off", new Load(new Uri(bed.Quiet.Url, Path), 32));
        var on = new Side("Host, shipping on (default)", new Load(new Uri(bed.Monolith.Url, Path), 32));
        Console.WriteLine("5. Request-log shipping: GET /" + Path);
        var logs = System.IO.Path.Combine(bed.DataDirectory, "logging.db");
        await bench.Warm(off.Load, on.Load);
        var before = Databases.Count(logs, "LogRecords");
        var many = await bench.Interleave(off, on, 32);
        // Records arrive in batches every 200 ms at most; let the last ones land before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var shipped = Databases.Count(logs, "LogRecords") - before;
        var served = many.B.Sum(r => r.Requests);

        var ratio = many.Ratio(r => r.PerSecond);
        var cost = new Series(many.A.Zip(many.B, (a, b) => (1 - (b.PerSecond / a.PerSecond)) * 100));
        report.Goal("5. Request-log shipping costs ≤ 3 % of throughput", cost.Format("0.0", " %"), cost.Median <= 3);
        report.Section("5. Request-log shipping", $"""
            `GET /{Path}` at 32 connections on two Hosts of the same build, one with `RequestLogShipping:Enabled=false`.
            The shipping Host served {served} requests in the measured runs and the Logging module's table grew by
            {shipped} records over them (the other Hosts and services ship theirs too, so this is a floor check that
            nothing was dropped, not an exact count). Errors or non-2xx answers: {many.Errors}.

            {Report.Table(["", "req/s at 32 conns", "p50 (µs)", "p99 (µs)"], [
                [off.Label, many.A.Series(r => r.PerSecond).Format(), many.A.Series(r => r.P50).Format(), many.A.Series(r => r.P99).Format()],
                [on.Label, many.B.Series(r => r.PerSecond).Format(), many.B.Series(r => r.P50).Format(), many.B.Series(r => r.P99).Format()]])}
            With shipping on, throughput is {ratio.Format("0.000", "×")} of off: a cost of {cost.Format("0.0", " %")}.
            """);
    }
}
