using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Monolith.Bench;

/// <summary>Where the benchmarks ran, for the report's heading.</summary>
internal static class Machine
{
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Monolith.sln above {AppContext.BaseDirectory}: run bench/run.sh from the repository.");
    }

    public static string Describe(string repository, string[] args, Settings settings, TimeSpan elapsed)
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            ?? RuntimeInformation.OSDescription;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `bench/run.sh{(args.Length > 0 ? " " + string.Join(' ', args) : "")}` at commit `{Run("git", "-C", repository, "rev-parse", "--short", "HEAD")}`; took {elapsed.TotalMinutes:0.0} min");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores ({cpu}), {double.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024:0.0} GiB, {os}, Linux {Run("uname", "-r")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET SDK {Run("dotnet", "--version")}, runtime {Environment.Version}; {Run("wrk", "--version").Split('\n')[0].Trim()}");
        text.Append(CultureInfo.InvariantCulture, $"- Each side {settings.Repetitions} runs of {settings.Duration.TotalSeconds:0} s after a {settings.Warmup.TotalSeconds:0} s warm-up, sides interleaved, order swapped every repetition; wrk with one thread, on the same two cores as the servers");
        return text.ToString();
    }

    private static string Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
