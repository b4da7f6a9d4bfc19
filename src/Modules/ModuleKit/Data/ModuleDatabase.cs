using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Events;

namespace ModuleKit.Data;

public static class ModuleDatabase
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>
    /// Gives a module its own database: by default the SQLite file <c>&lt;data&gt;/&lt;module&gt;.db</c>;
    /// <c>Modules:&lt;Name&gt;:Database:Provider</c> (<c>Sqlite</c> or <c>Postgres</c>) and <c>:ConnectionString</c>
    /// override it. The schema is brought up to date by the module's migrations for that provider when the host starts.
    /// </summary>
    public static IServiceCollection AddModuleDatabase<TContext>(this IServiceCollection services, string moduleName, ModuleContext context)
        where TContext : DbContext
    {
        var section = context.Configuration.GetSection("Database");
        var provider = Provider(moduleName, section["Provider"]);
        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == PostgresProvider)
            {
                throw new InvalidOperationException(
                    $"Modules:{moduleName}:Database:Provider is '{PostgresProvider}' but Modules:{moduleName}:Database:ConnectionString is empty. "
                    + "Give the connection string of the module's own database and login role (docs/adr/0034).");
            }

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
        // No ConfigureWarnings: EF's PendingModelChangesWarning stays an error, so a model changed without a migration
        // stops Migrate() at start-up instead of running against a schema that does not match (docs/adr/0025).
        services.AddDbContextPool<TContext>((serviceProvider, options) => Use(options, provider, connectionString)
            .AddInterceptors(serviceProvider.GetServices<ISaveChangesInterceptor>()));
        return services;
    }

    /// <summary>
    /// Options for a module's context on a provider, with the migrations generated for that provider: what the host
    /// uses, and what a tool that opens a module's database outside the host (copying its data) uses too.
    /// </summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (provider == PostgresProvider)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout());
        }

        return options.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
    }

    /// <summary>The provider a setting names, spelled as this kit spells it; a clear error for anything else.</summary>
    public static string Provider(string moduleName, string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting) || string.Equals(setting, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            return SqliteProvider;
        }

        if (string.Equals(setting, PostgresProvider, StringComparison.OrdinalIgnoreCase)
            || string.Equals(setting, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return PostgresProvider;
        }

        throw new InvalidOperationException(
            $"Modules:{moduleName}:Database:Provider is '{setting}', which this build does not support. Use '{SqliteProvider}' or '{PostgresProvider}'.");
    }

    /// <summary>Whether an EF provider name (<c>Database.ProviderName</c>) is PostgreSQL's.</summary>
    public static bool IsPostgres(string? efProviderName) =>
        efProviderName?.StartsWith("Npgsql", StringComparison.Ordinal) == true;
}
