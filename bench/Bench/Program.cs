using System.Diagnostics;
using System.Globalization;
using Monolith.Bench;
using Monolith.Bench.Scenarios;

// bench/run.sh builds everything in Release and runs this; see docs/benchmarks.md.
//   --quick            3 repetitions of 3 s (a smoke run; numbers are rougher)
//   --repetitions N    runs per side (default 5)
//   --seconds S        length of one run (default 5)
//   --only 1,4,8       just these scenarios (9 and 11, on PostgreSQL, start a throwaway server)
//   --records N        records in the day scenarios 10 and 11 analyse (default 1 000 000; the goal is 10 000 000)
var repetitions = 5;
var records = 1_000_000;
var seconds = 5;
var only = new HashSet<int>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick":
            repetitions = 3;
            seconds = 3;
            break;
        case "--repetitions":
            repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seconds":
            seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--records":
            records = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--only":
            only.UnionWith(args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; see bench/run.sh.");
            return 2;
    }
}

bool Runs(int scenario) => only.Count == 0 || only.Contains(scenario);

var repository = Machine.RepositoryRoot();
var root = Path.Combine(Path.GetTempPath(), "monolith-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
var settings = new Settings(repetitions, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(Math.Max(seconds, 8)));
var bench = new Bench(settings, new Wrk(Path.Combine(repository, "bench", "wrk", "bench.lua")));
var report = new Report();
var clock = Stopwatch.StartNew();

using (var bed = new Bed(repository, root))
{
    // First, while nothing else runs.
    if (Runs(8))
    {
        await Startup.Run(bench, bed, report);
    }

    // Hosts of their own, each with an empty Logging database to seed.
    if (Runs(10))
    {
        await LogAnalysis.Run(bench, bed, report, records, onPostgres: false);
    }

    if (Runs(11))
    {
        await LogAnalysis.Run(bench, bed, report, records, onPostgres: true);
    }

    if (new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }.Any(Runs))
    {
        await bed.Start();
    }

    if (Runs(1))
    {
        await FrontDoorHop.Run(bench, bed, report);
    }

    if (Runs(2))
    {
        await PipelineCost.Run(bench, bed, report);
    }

    if (Runs(3) || Runs(8))
    {
        var memory = await ExtractionCost.Run(bench, bed, report);
        report.Goal("8. Host resident memory < 200 MB under scenario 3's load (peak)", memory.Max.ToString("0", CultureInfo.InvariantCulture) + " MB", memory.Max < 200);
        report.Section("8. Memory", string.Create(CultureInfo.InvariantCulture,
            $"The in-process Host's resident memory (VmRSS, MB = 10⁶ bytes), sampled every 100 ms through scenario 3 ({memory.Count} samples): peak {memory.Max:0} MB, median {memory.Median:0} MB; the bare API's, at the end of the run: {bed.Bare.ResidentMegabytes():0} MB."));
    }

    if (Runs(4))
    {
        await ContractCalls.Run(bench, bed, report);
    }

    if (Runs(5))
    {
        await Shipping.Run(bench, bed, report);
    }

    if (Runs(6))
    {
        await Ingestion.Run(bench, bed, report);
    }

    if (Runs(7))
    {
        await Writes.Run(bench, bed, report);
    }

    if (Runs(9))
    {
        await OnPostgres.Run(bench, bed, report);
    }
}

var heading = Machine.Describe(repository, args, settings, clock.Elapsed);
var results = Path.Combine(repository, "bench", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, DateTime.UtcNow.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture) + ".md");
await File.WriteAllTextAsync(file, report.Render(heading));
Console.WriteLine();
Console.WriteLine(report.Render(heading));
Console.WriteLine($"Written to {file}; processes' logs and data under {root}.");
return 0;
