using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Tests.Shared;

/// <summary>
/// A throwaway Prometheus (Debian's <c>prometheus</c>, installed with apt-get when missing) on a free loopback port,
/// its data in a temporary folder, scraping the given targets every second; stopped by its PID and its folder deleted.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private const string Program = "/usr/bin/prometheus";

    private readonly Process process;
    private readonly string folder;
    private readonly HttpClient client;

    private PrometheusServer(Process process, string folder, Uri url)
    {
        this.process = process;
        this.folder = folder;
        Url = url;
        client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    public string Log => File.Exists(Path.Combine(folder, "prometheus.log")) ? File.ReadAllText(Path.Combine(folder, "prometheus.log")) : string.Empty;

    /// <summary>Starts one scraping each job's targets (<c>host:port</c>) at <c>/metrics</c>; ready when its own readiness endpoint says so.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> jobs)
    {
        if (!File.Exists(Program))
        {
            if (!DebianPackages.AptAvailable)
            {
                throw new InvalidOperationException($"{Program} is missing and apt-get is not available to install Debian's prometheus.");
            }

            await DebianPackages.System.InstallAsync("prometheus");
        }

        var folder = Directory.CreateTempSubdirectory("monolith-prometheus").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, string.Join('\n', [
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "scrape_configs:",
            .. jobs.SelectMany(job => new[]
            {
                $"  - job_name: {job.Key}",
                "    metrics_path: /metrics",
                "    static_configs:",
                $"      - targets: ['{job.Value}']",
            }),
            string.Empty,
        ]));

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--storage.tsdb.retention.time=1h",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Program}.");
        var log = new StreamWriter(Path.Combine(folder, "prometheus.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        for (var attempt = 0; attempt < 300 && !await server.IsReady(); attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with {process.ExitCode}:\n{server.Log}");
            }

            await Task.Delay(100);
        }

        return await server.IsReady() ? server : throw new TimeoutException($"Prometheus did not become ready:\n{server.Log}");
    }

    /// <summary>An instant query through the HTTP API: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> Query(string promql)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Prometheus refused '{promql}': {body}");
        }

        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is in the temp directory and harmless.
        }
    }

    private async Task<bool> IsReady()
    {
        try
        {
            using var response = await client.GetAsync(new Uri("-/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
