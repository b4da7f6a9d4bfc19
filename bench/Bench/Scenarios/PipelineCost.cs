namespace Monolith.Bench.Scenarios;

/// <summary>2. A module read in the Host (routing, MediatR, validation, EF Core) against a bare minimal API doing the same read.</summary>
internal static class PipelineCost
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        const string Path = "api/users/" + Bed.Reader;
        var bare = new Side("bare minimal API + SqliteConnection", new Load(new Uri(bed.Bare.Url, Path), 1));
        var module = new Side("Host, Users module in-process", new Load(new Uri(bed.Monolith.Url, Path), 1));
        Console.WriteLine("2. Module pipeline: GET /" + Path);
        var (one, many) = await bench.AtOneAndMany(bare, module);

        var throughput = many.Ratio(r => r.PerSecond);
        var added = one.Added(r => r.P50);
        report.Goal("2. Module pipeline ≥ 0.8× a bare minimal API's throughput", throughput.Format("0.00", "×"), throughput.Median >= 0.8);
        report.Section("2. Module pipeline cost", $"""
            `GET /{Path}`: the Host as `dotnet run --project src/Host` runs it (every module in-process, request logging,
            request-log shipping, token authentication, telemetry) against `bench/BareApi`, which runs one query on a
            pooled `SqliteConnection` to the same `users.db`. Errors or non-2xx answers: {many.Errors + one.Errors}.

            {SideTable.Of(bare, module, one, many)}
            The module pipeline's throughput is {throughput.Format("0.00", "×")} the bare API's; it adds {added.Format(unit: " µs")} at p50 on one connection.
            """);
    }
}
