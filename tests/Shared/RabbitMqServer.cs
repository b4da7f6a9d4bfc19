using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tests.Shared;

/// <summary>
/// A throwaway RabbitMQ node for one test collection: installed with apt when missing, started as the rabbitmq user
/// in a temporary directory, on free loopback ports of its own (AMQP, Erlang distribution, and its own epmd, so two
/// suites running at once share nothing), and stopped by PID with its epmd at the end. <see cref="RestartAsync"/>
/// stops and starts the same node on the same ports and data, as a broker restart in production would.
/// </summary>
internal sealed class RabbitMqServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly string directory;
    private readonly string node;
    private readonly int distPort;
    private readonly int epmdPort;
    private Process? server;

    private RabbitMqServer(string directory, int port, int distPort, int epmdPort)
    {
        this.directory = directory;
        Port = port;
        this.distPort = distPort;
        this.epmdPort = epmdPort;
        node = $"test{Guid.NewGuid():N}"[..16] + "@localhost";
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>For <c>Events:RabbitMq:Uri</c>.</summary>
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public bool Running => server is { HasExited: false };

    /// <summary>Installs the Debian package if needed and starts a node; takes a few seconds.</summary>
    public static async Task<RabbitMqServer> StartNewAsync()
    {
        if (!File.Exists($"{Bin}/rabbitmq-server"))
        {
            await DebianPackages.System.InstallAsync("rabbitmq-server");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"rabbitmq-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // No plugins (no management UI needed), and guest may log in over 127.0.0.1 as over localhost.
        await File.WriteAllTextAsync(Path.Combine(directory, "plugins"), "[].\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), "loopback_users = none\n");
        var ports = FreePorts(3);
        var rabbit = new RabbitMqServer(directory, ports[0], ports[1], ports[2]);
        if (IsRoot)
        {
            await Run("chown", ["-R", "rabbitmq:rabbitmq", directory]);
        }

        await rabbit.StartAsync();
        return rabbit;
    }

    /// <summary>Starts the node (again, after <see cref="StopAsync"/>) and waits until it takes connections.</summary>
    public async Task StartAsync()
    {
        server = Process.Start(AsRabbit($"{Bin}/rabbitmq-server", [], redirect: true))
            ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        // Read, not kept: an unread pipe would fill and block the node.
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while ((await Ctl("status")).ExitCode != 0)
        {
            if (server.HasExited || waited.Elapsed > StartLimit)
            {
                var log = Directory.Exists(Path.Combine(directory, "log"))
                    ? string.Join('\n', Directory.EnumerateFiles(Path.Combine(directory, "log")).SelectMany(File.ReadLines).TakeLast(30))
                    : "(no log)";
                throw new InvalidOperationException($"RabbitMQ did not start within {StartLimit.TotalSeconds} s on port {Port}:\n{log}");
            }

            await Task.Delay(250);
        }

        var started = await Ctl("await_startup");
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"RabbitMQ did not finish starting: {started.Output}");
        }
    }

    /// <summary>Stops the node and waits for its process to end; the data directory and epmd stay for a restart.</summary>
    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        await Ctl("stop");
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            try
            {
                await server.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill(entireProcessTree: true);
            }
        }

        // The Erlang VM may outlive the script that started it; its PID is in the file the node wrote.
        KillPidFrom(Path.Combine(directory, "pid"));
        server.Dispose();
        server = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>
    /// A new, empty virtual host the guest user may use, and the <c>Events:RabbitMq:Uri</c> that names it: one per Host
    /// or deployment, so queues named alike (<c>monolith.tweets</c>) never mix two tests' events.
    /// </summary>
    public async Task<(string Uri, string Name)> NewVirtualHostAsync(string? name = null)
    {
        name ??= $"t{Guid.NewGuid():N}";
        string[][] commands = [["add_vhost", name], ["set_permissions", "-p", name, "guest", ".*", ".*", ".*"]];
        foreach (var arguments in commands)
        {
            var (exitCode, output) = await Ctl(arguments);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed with exit code {exitCode}: {output}");
            }
        }

        return (Uri + name, name);
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node, as the node's own user.</summary>
    public async Task<(int ExitCode, string Output)> Ctl(params string[] arguments) =>
        await Run(AsRabbit($"{Bin}/rabbitmqctl", ["-q", .. arguments], redirect: true));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        StopEpmd();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process on its way out; the temporary directory is cleaned eventually.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private ProcessStartInfo AsRabbit(string program, IReadOnlyList<string> arguments, bool redirect)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "pid"),
        };
        ProcessStartInfo start;
        if (IsRoot)
        {
            // su resets HOME, which decides where the Erlang cookie is: every variable goes inside the command instead.
            var command = "exec env " + string.Join(' ', environment.Select(e => $"{e.Key}='{e.Value}'"))
                + $" {program} " + string.Join(' ', arguments.Select(a => $"'{a}'"));
            start = new ProcessStartInfo("su") { ArgumentList = { "rabbitmq", "-s", "/bin/sh", "-c", command } };
        }
        else
        {
            start = new ProcessStartInfo(program);
            arguments.ToList().ForEach(start.ArgumentList.Add);
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        start.UseShellExecute = false;
        start.RedirectStandardOutput = redirect;
        start.RedirectStandardError = redirect;
        start.RedirectStandardInput = true;
        return start;
    }

    private void StopEpmd()
    {
        // The node started its own epmd on its own port; it is found by that port in its environment, not by name.
        var marker = $"ERL_EPMD_PORT={epmdPort}";
        foreach (var process in Process.GetProcessesByName("epmd"))
        {
            using (process)
            {
                try
                {
                    var environ = File.ReadAllText($"/proc/{process.Id}/environ");
                    if (environ.Split('\0').Contains(marker))
                    {
                        process.Kill();
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // Gone already, or not ours to read.
                }
            }
        }
    }

    private static void KillPidFrom(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already ended.
        }
    }

    private static int[] FreePorts(int count)
    {
        // All held open until all are chosen, so the same port cannot come back twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static Task<(int ExitCode, string Output)> Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        return Run(start);
    }

    private static async Task<(int ExitCode, string Output)> Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        if (start.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
