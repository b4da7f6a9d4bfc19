using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModuleKit.Data;

/// <summary>
/// Lets SQLite itself wait for another writer (PRAGMA busy_timeout, which retries within milliseconds) instead of
/// the ADO.NET provider, which answers a busy database by sleeping 150 ms before trying again: under concurrent
/// writes that sleep was most of the p99 of posting a tweet (docs/benchmarks.md). Set once per native connection,
/// which the provider's pool keeps open across opens.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 5_000;

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    private static void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, handle);
    }
}
