using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModuleKit;
using ModuleKit.Events;
using ModuleRuntime.Events;

namespace ModuleRuntime.Data;

/// <summary>
/// What a host does with every database a module declared (<c>AddModuleDatabase</c>): runs its outbox dispatcher and,
/// in the first start-up phase, brings its schema up to date.
/// </summary>
internal static class ModuleDatabases
{
    public static IServiceCollection AddModuleDatabaseServices(this IServiceCollection services)
    {
        foreach (var store in Declared(services))
        {
            var dispatcher = typeof(OutboxDispatcher<>).MakeGenericType(store.ContextType);
            services.AddSingleton<IHostedService>(provider => (IHostedService)ActivatorUtilities.CreateInstance(provider, dispatcher, store.Module));
        }

        return services;
    }

    /// <summary>
    /// Claims every module's database for its module (<see cref="DatabaseIdentity"/>), applies its migrations and
    /// switches each SQLite file to WAL, readable by the service's user alone; runs before any initializer. A database of another module stops start-up.
    /// </summary>
    public static async Task MigrateAllAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var identities = services.GetRequiredService<DatabaseIdentities>();
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var store in services.GetServices<ModuleStore>())
        {
            await using var scope = services.CreateAsyncScope();
            var database = store.Context(scope.ServiceProvider).Database;
            identities.Record(await DatabaseIdentity.ClaimAsync(database, store.Module, clock, cancellationToken));
            await database.MigrateAsync(cancellationToken);
            if (database.IsSqlite())
            {
                // WAL lets readers run while a writer commits; the setting is stored in the file itself.
                await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                OwnerOnly.Protect(database.GetDbConnection().DataSource);
            }
        }

        identities.Complete();
    }

    private static IEnumerable<ModuleStore> Declared(IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ModuleStore)).Select(d => (ModuleStore)d.ImplementationInstance!).ToList();
}
