using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Monolith.Bench;

/// <summary>
/// One built app (<c>dotnet &lt;dll&gt;</c>) on a loopback port, in Production, its output going straight to a log file
/// (through the shell, so a chatty process costs this driver nothing). Ready when <c>/health/ready</c> answers 200.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    // Inherited settings that would change what the app listens on or how it is configured.
    private static readonly string[] ForeignPrefixes =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP", "DOTNET_URLS", "Modules__", "Data__", "FrontDoor__", "RequestLogShipping__", "Events__", "Auth__", "Serilog__", "Http__"];

    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private readonly string dll;
    private readonly IReadOnlyDictionary<string, string> settings;
    private Process? process;

    public AppProcess(string name, string dll, string logDirectory, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        Name = name;
        this.dll = File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: bench/run.sh builds it (dotnet build -c Release).", dll);
        this.settings = settings;
        Port = port ?? FreePort.Next();
        LogFile = Path.Combine(logDirectory, $"{name}.log");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public string LogFile { get; }

    /// <summary>Starts the app and waits until it is ready; returns the time from launch to the first 200.</summary>
    public async Task<TimeSpan> Start(TimeSpan? patience = null)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        // exec: the shell becomes the app, so the process id is the app's own (for its memory and for killing it).
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$BENCH_LOG\" 2>&1");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        // wrk is one client sending as fast as it can: the rate limits would measure only how fast 429s are written.
        foreach (var policy in new[] { "SignUp", "LogIn", "Refresh", "LogIngestion", "Writes" })
        {
            start.ArgumentList.Add($"--RateLimits:{policy}:PermitLimit=100000000");
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        foreach (var key in start.Environment.Keys.Where(k => ForeignPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["BENCH_LOG"] = LogFile;

        var clock = Stopwatch.StartNew();
        process = Process.Start(start)!;
        var deadline = patience ?? TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} while starting; see {LogFile}.");
            }

            if (await IsReady())
            {
                return clock.Elapsed;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{Name} was not ready within {deadline.TotalSeconds} s; see {LogFile}.");
    }

    /// <summary>Resident memory (VmRSS) in MB (10⁶ bytes), from /proc.</summary>
    public double ResidentMegabytes()
    {
        if (process is null || process.HasExited)
        {
            return double.NaN;
        }

        var line = File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / 1e6;
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        process = null;
    }

    private async Task<bool> IsReady()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(Url, "health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
