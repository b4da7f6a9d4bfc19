using System.Globalization;

namespace Monolith.Bench;

/// <summary>How long and how often each load runs.</summary>
internal sealed record Settings(int Repetitions, TimeSpan Duration, TimeSpan Warmup);

/// <summary>One side of a comparison: a label and the load it gets.</summary>
internal sealed record Side(string Label, Load Load);

/// <summary>Both sides' runs of one comparison, repetition by repetition.</summary>
internal sealed record Paired(IReadOnlyList<WrkResult> A, IReadOnlyList<WrkResult> B)
{
    /// <summary>B minus A, per repetition (both ran back to back), e.g. the latency a hop adds.</summary>
    public Series Added(Func<WrkResult, double> value) => new(A.Zip(B, (a, b) => value(b) - value(a)));

    /// <summary>B over A, per repetition.</summary>
    public Series Ratio(Func<WrkResult, double> value) => new(A.Zip(B, (a, b) => value(b) / value(a)));

    public long Errors => A.Concat(B).Sum(r => r.Errors + r.BadStatus);
}

/// <summary>Runs loads: each comparison's sides interleaved, the order swapped every repetition.</summary>
internal sealed class Bench(Settings settings, Wrk wrk)
{
    public Settings Settings => settings;

    public async Task<WrkResult> Once(string label, Load load, TimeSpan? duration = null)
    {
        var result = await wrk.Run(load, duration ?? settings.Duration);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-44} c={load.Connections,-3} {result.PerSecond,9:0} req/s  p50 {result.P50,7:0} µs  p99 {result.P99,7:0} µs{(result.Errors + result.BadStatus > 0 ? $"  errors {result.Errors} non-2xx {result.BadStatus}" : "")}"));
        return result;
    }

    public async Task Warm(params Load[] loads)
    {
        foreach (var load in loads)
        {
            await wrk.Run(load, settings.Warmup);
        }
    }

    /// <summary>Both sides warmed, then compared at one connection (latency) and at 32 (throughput).</summary>
    public async Task<(Paired One, Paired Many)> AtOneAndMany(Side a, Side b)
    {
        await Warm(a.Load.WithConnections(32), b.Load.WithConnections(32));
        return (await Interleave(a, b, 1), await Interleave(a, b, 32));
    }

    public async Task<Paired> Interleave(Side a, Side b, int connections)
    {
        var first = new List<WrkResult>();
        var second = new List<WrkResult>();
        for (var repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            var order = repetition % 2 == 0 ? new[] { (a, first), (b, second) } : [(b, second), (a, first)];
            foreach (var (side, results) in order)
            {
                results.Add(await Once($"{repetition + 1}/{settings.Repetitions} {side.Label}", side.Load.WithConnections(connections)));
            }
        }

        return new Paired(first, second);
    }
}

/// <summary>The usual table of a two-sided comparison at one connection (latency) and many (throughput).</summary>
internal static class SideTable
{
    public static string Of(Side a, Side b, Paired one, Paired many) => Report.Table(
        ["", "p50 at 1 conn (µs)", "p99 at 1 conn (µs)", $"req/s at {many.A[0].Connections} conns", $"p99 at {many.A[0].Connections} conns (µs)"],
        [Row(a.Label, one.A, many.A), Row(b.Label, one.B, many.B)]);

    private static IReadOnlyList<string> Row(string label, IReadOnlyList<WrkResult> one, IReadOnlyList<WrkResult> many) =>
        [label, one.Series(r => r.P50).Format(), one.Series(r => r.P99).Format(), many.Series(r => r.PerSecond).Format(), many.Series(r => r.P99).Format()];
}

internal static class Results
{
    /// <summary>One quantity of repeated runs, as a series.</summary>
    public static Series Series(this IEnumerable<WrkResult> runs, Func<WrkResult, double> value) => new(runs.Select(value));
}
