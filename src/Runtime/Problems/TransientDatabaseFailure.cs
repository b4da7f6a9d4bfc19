using System.Data.Common;

namespace ModuleRuntime.Problems;

/// <summary>
/// Finds, in an exception and those it wraps (EF wraps the provider's), a database failure its provider calls
/// transient: a server shutting down or not accepting connections, a dropped connection, a busy SQLite file.
/// </summary>
internal static class TransientDatabaseFailure
{
    public static DbException? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } transient)
            {
                return transient;
            }
        }

        return null;
    }
}
