using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ModuleKit.Data;

/// <summary>Recognises a unique-index violation, the one failure a module turns into a 409 rather than a 500.</summary>
public static class UniqueConstraint
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: other constraint failures (NOT NULL, CHECK) are bugs.
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    public static bool IsViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint or SqlitePrimaryKeyConstraint }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Inserts an entity and saves; false when a unique index already holds its key, because a concurrent request
    /// stored it first. Everything that save would have inserted (the entity and anything added with it, such as
    /// its event) is then forgotten, so the context stays usable. Callers decide what that means.
    /// </summary>
    /// <remarks>
    /// Inside a transaction the caller began (an idempotent request's), PostgreSQL aborts the whole transaction on a
    /// violation; EF saves under a savepoint there and rolls back to it on failure, so the transaction goes on, as it
    /// does on SQLite. ModuleRuntime.Tests checks this against a real server.
    /// </remarks>
    public static async Task<bool> TryAddAsync<TEntity>(this DbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (IsViolation(e))
        {
            foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }
            return false;
        }
    }
}
