using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Extraction.Tests.Servers;

/// <summary>
/// One PostgreSQL server and one RabbitMQ broker, real and throwaway, for every test of the collection (each takes
/// seconds to start). Every deployment gets databases and login roles of its own, made by the Host's own
/// <c>provision-postgres</c> command as an operator would, and a virtual host of its own on the broker, so tests never
/// see each other's rows or messages.
/// </summary>
public sealed partial class ServersFixture : IAsyncLifetime
{
    internal PostgresServer Postgres { get; private set; } = null!;

    internal RabbitMqServer Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Broker = await RabbitMqServer.StartNewAsync();
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>
    /// Each module's data on a new database of its own, reached with the module's own role, and events on a new
    /// virtual host of the broker.
    /// </summary>
    internal async Task<ServerDatabases> NewDatabases()
    {
        var name = "d" + Guid.NewGuid().ToString("N")[..10];
        var connections = await Provision(name + "_", Deployment.AllModules);
        var (uri, _) = await Broker.NewVirtualHostAsync(name);
        return new ServerDatabases(connections, uri);
    }

    /// <summary>A new, empty database and role for one module: what a mistyped connection string would point at.</summary>
    internal async Task<string> EmptyDatabase(string module) =>
        (await Provision("e" + Guid.NewGuid().ToString("N")[..10] + "_", [module]))[module];

    /// <summary>Runs <c>dotnet &lt;Host dll&gt; provision-postgres</c> and reads each module's connection string from what it prints.</summary>
    private async Task<Dictionary<string, string>> Provision(string prefix, IReadOnlyList<string> modules)
    {
        var scratch = Directory.CreateTempSubdirectory("monolith-provision-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = scratch.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Builds.HostDll, "provision-postgres", "--admin", Postgres.AdminConnectionString, "--prefix", prefix, "--modules", string.Join(',', modules) })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["Data__Directory"] = scratch.FullName;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output + await errors;
            process.ExitCode.Should().Be(0, "provision-postgres succeeds:\n{0}", text);
            var connections = ConnectionLine().Matches(text).ToDictionary(m => m.Groups["module"].Value, m => m.Groups["connection"].Value, StringComparer.OrdinalIgnoreCase);
            connections.Keys.Should().BeEquivalentTo(modules, "provision-postgres prints each module's connection string:\n{0}", text);
            return connections;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"Modules__(?<module>\w+)__Database__ConnectionString='(?<connection>[^']+)'")]
    private static partial Regex ConnectionLine();
}

/// <summary>Each module's database on the server and the broker's virtual host of one deployment.</summary>
internal sealed record ServerDatabases(IReadOnlyDictionary<string, string> Connections, string BrokerUri)
{
    public Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Events:Transport"] = "RabbitMq",
            ["Events:RabbitMq:Uri"] = BrokerUri,
        };
        foreach (var (module, connection) in Connections)
        {
            settings[$"Modules:{module}:Database:Provider"] = "Postgres";
            settings[$"Modules:{module}:Database:ConnectionString"] = connection;
        }

        return settings;
    }

    /// <summary>A deployment of these extracted modules, one instance each, on these databases and this virtual host.</summary>
    public DeploymentShape Shape(params string[] extracted) => DeploymentShape.OneEach(extracted) with { Settings = Settings() };
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "PostgreSQL and RabbitMQ servers";
}
