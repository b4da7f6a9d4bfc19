using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Events;

namespace ModuleKit.Data;

public static class ModuleDatabase
{
    public const string SqliteProvider = "Sqlite";

    /// <summary>
    /// Gives a module its own database: by default the SQLite file <c>&lt;data&gt;/&lt;module&gt;.db</c>;
    /// <c>Modules:&lt;Name&gt;:Database:Provider</c> and <c>:ConnectionString</c> override it.
    /// The schema is brought up to date by the module's migrations when the host starts.
    /// </summary>
    public static IServiceCollection AddModuleDatabase<TContext>(this IServiceCollection services, string moduleName, ModuleContext context)
        where TContext : DbContext
    {
        var section = context.Configuration.GetSection("Database");
        var provider = section["Provider"] ?? SqliteProvider;
        if (!string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Modules:{moduleName}:Database:Provider is '{provider}', which this build does not support. Use '{SqliteProvider}'.");
        }

        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = context.DataDirectory.File($"{moduleName.ToLowerInvariant()}.db"),
                Pooling = true,
            }.ToString();
        }

        services.AddSingleton(new ModuleStore(moduleName, typeof(TContext)));
        var interceptor = new OutboxSignalInterceptor(OutboxSignal.In(services), moduleName);
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<OutboxDispatcher<TContext>>(provider, moduleName));
        // Pooled: a context and its internal services are reused, and its options built once, rather than per
        // request, which the benchmarks showed was most of a read's cost (docs/adr/0022, docs/benchmarks.md).
        services.AddDbContextPool<TContext>(options => options
            .UseSqlite(connectionString)
            // No ConfigureWarnings: EF's PendingModelChangesWarning stays an error, so a model changed without a migration
            // stops Migrate() at start-up instead of running against a schema that does not match (docs/adr/0025).
            .AddInterceptors(interceptor, new SqliteBusyTimeout()));
        services.AddSingleton<IModuleInitializer, DatabaseMigrator<TContext>>();
        return services;
    }
}
