using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ModuleKit.Data;

namespace ModuleRuntime.Data;

/// <summary>
/// Makes two transactions about the same thing (one event id, one idempotency key) run one after the other. A SQLite
/// transaction already does: the provider begins it with the write lock, so a twin waits at BEGIN. A PostgreSQL
/// transaction takes no lock until it writes, so two twins would both find nothing and both run; here each first
/// takes a transaction-scoped advisory lock on the key's hash, released by the commit or rollback, after which the
/// twin's next statement sees what the first one stored.
/// </summary>
internal static class TransactionLock
{
    public static async Task SerializeOnAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken)
    {
        if (!ModuleDatabase.IsPostgres(database.ProviderName))
        {
            return;
        }

        // A collision of two keys' hashes only makes unrelated transactions queue, never lets twins through.
        await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }
}
