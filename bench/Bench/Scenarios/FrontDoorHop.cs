namespace Monolith.Bench.Scenarios;

/// <summary>1. The same endpoint of an extracted module, called directly and through the Host's front door.</summary>
internal static class FrontDoorHop
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        const string Path = "api/users/" + Bed.Reader;
        var direct = new Side("Users.Service, direct", new Load(new Uri(bed.UsersService.Url, Path), 1));
        var proxied = new Side("Users.Service through the front door", new Load(new Uri(bed.FrontDoor.Url, Path), 1));
        Console.WriteLine("1. Front-door hop: GET /" + Path);
        var (one, many) = await bench.AtOneAndMany(direct, proxied);

        var addedP50 = one.Added(r => r.P50);
        var addedP99 = one.Added(r => r.P99);
        var throughput = many.Ratio(r => r.PerSecond);
        report.Goal("1. Front door adds ≤ 60 µs p50 at 1 connection", addedP50.Format(unit: " µs"), addedP50.Median <= 60);
        report.Goal("1. Front door adds ≤ 120 µs p99 at 1 connection", addedP99.Format(unit: " µs"), addedP99.Median <= 120);
        report.Goal("1. Front door throughput ≥ 0.6× direct at 32 connections", throughput.Format("0.00", "×"), throughput.Median >= 0.6);
        report.Section("1. Front-door hop", $"""
            `GET /{Path}` served by Users.Service, called directly and through a Host whose routes file sends Users there
            (Mode Remote, no fallback). Errors or non-2xx answers: {many.Errors + one.Errors}.

            {SideTable.Of(direct, proxied, one, many)}
            Added by the hop, per repetition: p50 {addedP50.Format(unit: " µs")}, p99 {addedP99.Format(unit: " µs")};
            throughput through the front door {throughput.Format("0.00", "×")} direct.
            """);
    }
}
