using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ModuleKit.Data;

/// <summary>Applies a module's migrations at start-up and switches its SQLite file to WAL.</summary>
internal sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes) : IModuleInitializer
    where TContext : DbContext
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        await database.MigrateAsync(cancellationToken);
        if (database.IsSqlite())
        {
            // WAL lets readers run while a writer commits; the setting is stored in the file itself.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
