namespace Monolith.Bench.Scenarios;

/// <summary>8. Time from launching the Host to its first 200 on /health/ready: on an empty data directory and again on that one.</summary>
internal static class Startup
{
    public static async Task Run(Bench bench, Bed bed, Report report)
    {
        Console.WriteLine("8. Start-up to /health/ready");
        var first = new List<double>();
        var again = new List<double>();
        for (var repetition = 0; repetition < bench.Settings.Repetitions; repetition++)
        {
            var data = Path.Combine(bed.Root, "startup", repetition.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(data);
            foreach (var (name, label, times) in new[] { ("empty", "empty data directory", first), ("again", "existing data", again) })
            {
                using var host = new AppProcess($"startup-{repetition}-{name}", bed.HostDll, bed.LogDirectory, bed.StandaloneHost($"startup-{repetition}", data));
                var ready = await host.Start();
                times.Add(ready.TotalMilliseconds);
                Console.WriteLine($"  {repetition + 1}/{bench.Settings.Repetitions} {label,-22} ready in {ready.TotalMilliseconds:0} ms");
            }
        }

        var onEmpty = new Series(first);
        var onExisting = new Series(again);
        report.Goal("8. Start-up to /health/ready < 1.5 s (existing data)", onExisting.Format(unit: " ms"), onExisting.Median < 1500);
        report.Goal("8. Start-up to /health/ready < 1.5 s (empty data directory)", onEmpty.Format(unit: " ms"), onEmpty.Median < 1500);
        report.Section("8. Start-up", $"""
            `dotnet Monolith.Host.dll` (Release build, Production) launched and polled every 5 ms until `/health/ready`
            answers 200, while nothing else runs. On an empty data directory the Host creates three databases, applies
            every migration and makes a signing key; started again on the same directory, it finds them.

            {Report.Table(["", "to ready (ms)"], [["empty data directory", onEmpty.Format()], ["existing data", onExisting.Format()]])}
            """);
    }
}
