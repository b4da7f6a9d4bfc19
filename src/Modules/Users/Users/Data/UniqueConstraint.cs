using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Users.Data;

internal static class UniqueConstraint
{
    private const int SqliteConstraint = 19;

    public static bool IsViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint };
}
