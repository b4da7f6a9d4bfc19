using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ModuleKit.Data;

/// <summary>Recognises a unique-index violation, the one failure a module turns into a 409 rather than a 500.</summary>
public static class UniqueConstraint
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: other constraint failures (NOT NULL, CHECK) are bugs.
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    public static bool IsViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint or SqlitePrimaryKeyConstraint };
}
