using System.Diagnostics;

namespace Extraction.Tests.Infrastructure;

/// <summary>
/// One OS process running a built app (<c>dotnet &lt;dll&gt;</c>) from its own output folder on a fixed loopback port,
/// its stdout and stderr appended to a log file across restarts. Started until <c>/health/ready</c> answers 200;
/// killed with its whole process tree, as a crash would end it.
/// </summary>
internal sealed class ModuleProcess : IDisposable
{
    // Inherited settings that would change what the process listens on or how it is configured.
    private static readonly string[] ForeignVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];
    private static readonly string[] ForeignPrefixes = ["Modules__", "Data__", "FrontDoor__", "RequestLogShipping__", "Events__", "Auth__", "Serilog__", "Http__", "Registry__"];

    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    // Every process still running when the test run ends is killed with it, even if a test never got to dispose it.
    private static readonly List<ModuleProcess> Started = [];

    private readonly string dll;
    private readonly Func<IReadOnlyList<string>> arguments;
    private readonly string workingDirectory;
    private readonly Lock gate = new();
    private Process? process;
    private StreamWriter? log;

    static ModuleProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Started)
        {
            Started.ForEach(p => p.Kill());
        }
    };

    /// <param name="workingDirectory">Where the process starts; by default the dll's own folder.</param>
    public ModuleProcess(string name, string dll, int port, string logFile, Func<IReadOnlyList<string>> arguments, string? workingDirectory = null)
    {
        this.workingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!;
        lock (Started)
        {
            Started.Add(this);
        }

        Name = name;
        this.dll = dll;
        this.arguments = arguments;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        LogFile = logFile;
    }

    public string Name { get; }

    public Uri Url { get; }

    public string LogFile { get; }

    public bool Running => process is { HasExited: false };

    public async Task Start()
    {
        if (Running)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        lock (gate)
        {
            log = new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            log.WriteLine($"==== {Name}: starting {Path.GetFileName(dll)} on {Url} at {DateTimeOffset.UtcNow:O} ====");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        foreach (var argument in arguments())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (ForeignVariables.Contains(key, StringComparer.OrdinalIgnoreCase)
                || ForeignPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Write(e.Data);
        started.ErrorDataReceived += (_, e) => Write(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        await Eventually.Until(
            async () =>
            {
                if (started.HasExited)
                {
                    // The parameterless wait also drains the redirected output, so the log holds the last words (the
                    // exception that ended it) before it is read.
                    started.WaitForExit();
                    throw new InvalidOperationException($"{Name} exited with code {started.ExitCode} while starting. Its log:\n{Tail(60)}");
                }

                return await IsReady();
            },
            $"{Name} answers 200 on {Url}health/ready",
            () => Task.FromResult(Tail(30)));
    }

    /// <summary>
    /// Asks the process to shut down (SIGTERM, as an orchestrator or <c>kill</c> does) and waits until it has: it
    /// finishes the requests it holds and takes no new ones. Where there are no signals (Windows), it is killed.
    /// </summary>
    public async Task Stop()
    {
        var running = process;
        if (running is null || running.HasExited || OperatingSystem.IsWindows())
        {
            Kill();
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", running.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await signal.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await running.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not shut down within 30 s of SIGTERM.");
        }

        // Already exited: this only collects its output and releases it.
        Kill();
    }

    /// <summary>Ends the process and its children at once, as a crash or <c>kill -9</c> would: no graceful shutdown.</summary>
    public void Kill()
    {
        var running = process;
        if (running is null)
        {
            return;
        }

        var killed = false;
        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                killed = true;
            }

            // Also waits for the redirected output to drain into the log.
            running.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        lock (gate)
        {
            log?.WriteLine(killed ? $"==== {Name}: killed at {DateTimeOffset.UtcNow:O} ====" : $"==== {Name}: exited at {DateTimeOffset.UtcNow:O} ====");
            log?.Dispose();
            log = null;
        }

        running.Dispose();
        process = null;
    }

    public async Task<bool> IsReady()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(Url, "/health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The whole log so far (every start of this process).</summary>
    public string Log()
    {
        if (!File.Exists(LogFile))
        {
            return string.Empty;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The last lines of the log, leaving out the health probes that answered 200 (one every half second).</summary>
    public string Tail(int lines)
    {
        var all = Log().Split('\n').Where(l => !l.Contains("/health/ready responded 200", StringComparison.Ordinal)).ToList();
        return string.Join('\n', all.Skip(Math.Max(0, all.Count - lines)));
    }

    public void Dispose() => Kill();

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            log?.WriteLine(line);
        }
    }
}
