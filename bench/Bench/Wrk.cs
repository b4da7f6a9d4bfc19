using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Monolith.Bench;

/// <summary>What one load puts on: the URL, connections, and for writes the method, body and tokens.</summary>
internal sealed record Load(Uri Url, int Connections, string Method = "GET", string? BodyFile = null, IReadOnlyList<string>? Tokens = null)
{
    public Load WithConnections(int connections) => this with { Connections = connections };
}

/// <summary>One wrk run's summary; latencies in microseconds.</summary>
internal sealed record WrkResult(int Connections, long Requests, double Seconds, double P50, double P90, double P99, double Mean, long Errors, long BadStatus)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>Runs wrk (one thread, loopback only, a fixed duration) with bench/wrk/bench.lua and reads its summary.</summary>
internal sealed class Wrk(string script)
{
    public async Task<WrkResult> Run(Load load, TimeSpan duration)
    {
        if (!load.Url.IsLoopback)
        {
            throw new InvalidOperationException($"Load goes to loopback only, not {load.Url}.");
        }

        var start = new ProcessStartInfo("wrk")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "-t1", $"-c{load.Connections.ToString(CultureInfo.InvariantCulture)}",
                     $"-d{((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s", "--timeout", "10s",
                     "-s", script, load.Url.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BENCH_METHOD"] = load.Method;
        start.Environment["BENCH_BODY_FILE"] = load.BodyFile ?? "";
        start.Environment["BENCH_TOKENS"] = string.Join(',', load.Tokens ?? []);

        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no summary (exit {wrk.ExitCode}): {text}{await errors}");
        var summary = JsonDocument.Parse(line["BENCH ".Length..]).RootElement;
        double Number(string name) => summary.GetProperty(name).GetDouble();
        var socketErrors = (long)(Number("connect") + Number("read") + Number("write") + Number("timeout"));
        return new WrkResult(
            load.Connections, (long)Number("requests"), Number("durationUs") / 1e6, Number("p50"), Number("p90"), Number("p99"), Number("mean"),
            socketErrors, (long)Number("status"));
    }
}
