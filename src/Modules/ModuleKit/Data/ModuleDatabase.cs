using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

        // The store tells the host which context holds this module's outbox and inbox; the host migrates it at
        // start-up and runs its dispatcher. Interceptors the host registers (such as the one that wakes the
        // dispatcher after a commit) apply to every module's context.
        services.AddSingleton(new ModuleStore(moduleName, typeof(TContext)));
        // Pooled: a context and its internal services are reused, and its options built once, rather than per
        // request, which the benchmarks showed was most of a read's cost (docs/adr/0022, docs/benchmarks.md).
        services.AddDbContextPool<TContext>((provider, options) => options
            .UseSqlite(connectionString)
            // No ConfigureWarnings: EF's PendingModelChangesWarning stays an error, so a model changed without a migration
            // stops Migrate() at start-up instead of running against a schema that does not match (docs/adr/0025).
            .AddInterceptors([.. provider.GetServices<ISaveChangesInterceptor>(), new SqliteBusyTimeout()]));
        return services;
    }
}
