using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Users.Data;

internal static class UniqueConstraint
{
    // SQLITE_CONSTRAINT_UNIQUE: other constraint failures (NOT NULL, CHECK) are bugs, not taken ids.
    private const int SqliteUniqueConstraint = 2067;

    public static bool IsViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint };
}
