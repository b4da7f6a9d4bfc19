using ModuleRuntime.Data;
using Npgsql;
using Tests.Shared;

namespace Host.IntegrationTests.Postgres;

/// <summary>One PostgreSQL server for every test in the collection: starting one takes seconds, a database milliseconds.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    internal PostgresServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Databases and roles for the modules under a prefix no other test uses, as <c>provision-postgres</c> makes them.</summary>
    public async Task<IReadOnlyDictionary<string, ProvisionedModule>> Provision(string prefix, params string[] modules) =>
        (await PostgresProvisioning.ProvisionAsync(Server.AdminConnectionString, modules, prefix, CancellationToken.None))
            .ToDictionary(m => m.Module);

    /// <summary>A Host whose modules named here run on their provisioned PostgreSQL databases, as their own roles.</summary>
    public static HostFactory HostOn(IReadOnlyDictionary<string, ProvisionedModule> modules, HostFactory? host = null)
    {
        host ??= new HostFactory();
        foreach (var (name, module) in modules)
        {
            host.With($"Modules:{name}:Database:Provider", "Postgres")
                .With($"Modules:{name}:Database:ConnectionString", module.ConnectionString);
        }

        return host;
    }

    /// <summary>Waits until the module's PostgreSQL outbox is empty: every event it published has been delivered.</summary>
    public async Task EventsDelivered(ProvisionedModule module, TimeSpan? within = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await Scalar(module, "SELECT COUNT(*) FROM \"OutboxMessages\"") > 0)
        {
            if (waited.Elapsed > (within ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"Events of {module.Module} were still in its outbox after {waited.Elapsed.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    /// <summary>One number from a module's database, read as the superuser.</summary>
    public async Task<long> Scalar(ProvisionedModule module, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Database = module.Database };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
