using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server for one test assembly or collection (linked into each test project that needs one):
/// installed with apt-get when missing (<see cref="DebianPackages"/>), initialised in a temporary directory owned by the
/// <c>postgres</c> user (the server refuses to run as root), started on a free loopback port with fsync off, and
/// stopped by the PID in its <c>postmaster.pid</c>. <see cref="RestartAsync"/> stops and starts it on the same port and
/// data directory, as a server restarted under a running application would be.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string AdminUser = "admin";

    private readonly string binDirectory;
    private readonly DirectoryInfo directory;
    private readonly string password = Guid.NewGuid().ToString("N");
    private int? pid;

    private PostgresServer(string binDirectory, DirectoryInfo directory, int port)
    {
        this.binDirectory = binDirectory;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(directory.FullName, "data");

    /// <summary>The superuser, on the <c>postgres</c> database; password authentication over TCP, as in production.</summary>
    public string AdminConnectionString => ConnectionString("postgres", AdminUser, password);

    public string ConnectionString(string database, string user, string userPassword) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = user,
        Password = userPassword,
        // Tests open many short-lived hosts; a pool per connection string is enough, and none outlives its test long.
        MaxPoolSize = 20,
        Timeout = 30,
    }.ToString();

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = await InstalledBinDirectory();
        var directory = Directory.CreateTempSubdirectory("monolith-postgres-");
        var server = new PostgresServer(bin, directory, FreePort());
        try
        {
            await server.InitAsync();
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server by its PID and starts it again on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartServerAsync();
    }

    /// <summary>Runs SQL as the superuser on a database (by default <c>postgres</c>).</summary>
    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database, AdminUser, password));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new empty database owned by the superuser, for a test that needs one of its own.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name, AdminUser, password);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> InstalledBinDirectory()
    {
        if (Find() is { } found)
        {
            return found;
        }

        if (!DebianPackages.AptAvailable)
        {
            throw new InvalidOperationException("PostgreSQL is not installed and there is no apt-get to install it: install PostgreSQL 15 or later.");
        }

        await DebianPackages.System.InstallAsync("postgresql");
        return Find() ?? throw new InvalidOperationException("apt-get installed postgresql, but no /usr/lib/postgresql/<version>/bin/initdb was found.");

        // Debian's layout; the newest version wins, 15 being what this repository was written against.
        static string? Find() =>
            Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                    .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                    .FirstOrDefault()
                : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task InitAsync()
    {
        var passwordFile = Path.Combine(directory.FullName, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        if (IsRoot)
        {
            await RunAsync("chown", "-R", "postgres", directory.FullName);
        }

        // Trust only on the socket in this private directory; TCP asks for passwords, so a role without one cannot log in.
        await RunAsPostgresAsync(Path.Combine(binDirectory, "initdb"),
            "-D", DataDirectory, "-U", AdminUser, "--pwfile", passwordFile,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
    }

    private async Task StartServerAsync()
    {
        var options = string.Join(' ',
            $"-p {Port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={directory.FullName}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=300");
        await RunAsPostgresAsync(Path.Combine(binDirectory, "pg_ctl"),
            "-D", DataDirectory, "-l", Path.Combine(directory.FullName, "log"), "-o", options, "-w", "-t", "60", "start");
        var pidLine = (await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid")))[0];
        pid = int.Parse(pidLine, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task StopAsync()
    {
        if (pid is not { } id)
        {
            return;
        }

        pid = null;
        NpgsqlConnection.ClearAllPools();
        Process server;
        try
        {
            server = Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            return;
        }

        using (server)
        {
            // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the data directory is left clean for a restart.
            await RunAsync("kill", "-INT", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await server.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill();
                await server.WaitForExitAsync();
            }
        }
    }

    private Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // pg_ctl's server inherits no pipe of ours (it logs to a file), so reading to the end returns when pg_ctl exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await output}{await errors}");
        }
    }
}
