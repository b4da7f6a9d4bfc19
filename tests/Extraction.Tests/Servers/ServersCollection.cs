namespace Extraction.Tests.Servers;

/// <summary>
/// One PostgreSQL server and one RabbitMQ broker, real and throwaway, for every test of the collection (each takes
/// seconds to start). Every deployment gets databases, login roles and a virtual host of its own on them, so tests
/// never see each other's rows or messages.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    internal PostgresServer Postgres { get; private set; } = null!;

    internal RabbitMqServer Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Broker = await RabbitMqServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>
    /// Settings that put each module's data on a new PostgreSQL database of its own (reached with the module's own
    /// role) and events on a new virtual host of the broker.
    /// </summary>
    internal async Task<ServerDatabases> NewDatabases()
    {
        var name = "d" + Guid.NewGuid().ToString("N")[..10];
        var connections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in Deployment.AllModules)
        {
            connections[module] = await Postgres.CreateModuleDatabaseAsync($"{name}_{module.ToLowerInvariant()}");
        }

        return new ServerDatabases(connections, await Broker.CreateVirtualHostAsync(name));
    }
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
