using Logging.Contracts;
using Logging.Data;
using Logging.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Logging.Application;

/// <summary>
/// The one way records are stored, for the contract and both HTTP endpoints: a whole batch in one transaction
/// through one prepared statement, so a batch is all or nothing and thousands of rows cost one commit.
/// A record whose id is already stored is skipped, which makes resending a batch harmless.
/// </summary>
internal sealed class LogRecordWriter(LoggingDbContext db)
{
    private const string Insert = """
        INSERT INTO LogRecords (RecordId, Timestamp, Method, Path, Url, Route, Status, DurationMs, UserId, Ip, Module, TraceId, Source, Extra)
        VALUES ($recordId, $timestamp, $method, $path, $url, $route, $status, $durationMs, $userId, $ip, $module, $traceId, $source, $extra)
        ON CONFLICT(RecordId) DO NOTHING
        """;

    public async Task<RecordedRequests> StoreAsync(IReadOnlyList<LogRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new RecordedRequests(0, 0);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // A transaction already begun on this context (the one that remembers an idempotency key) is joined, so the
            // records and the remembered answer commit together; otherwise one of its own, deferred: false, which takes
            // the write lock at BEGIN, so two writers queue instead of failing to upgrade.
            var ambient = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            await using var own = ambient is null ? (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken) : null;
            var transaction = ambient ?? own!;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert;
            var recordId = command.Parameters.Add("$recordId", SqliteType.Text);
            var timestamp = command.Parameters.Add("$timestamp", SqliteType.Integer);
            var method = command.Parameters.Add("$method", SqliteType.Text);
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var url = command.Parameters.Add("$url", SqliteType.Text);
            var route = command.Parameters.Add("$route", SqliteType.Text);
            var status = command.Parameters.Add("$status", SqliteType.Integer);
            var durationMs = command.Parameters.Add("$durationMs", SqliteType.Real);
            var userId = command.Parameters.Add("$userId", SqliteType.Text);
            var ip = command.Parameters.Add("$ip", SqliteType.Text);
            var module = command.Parameters.Add("$module", SqliteType.Text);
            var traceId = command.Parameters.Add("$traceId", SqliteType.Text);
            var source = command.Parameters.Add("$source", SqliteType.Text);
            var extra = command.Parameters.Add("$extra", SqliteType.Text);
            command.Prepare();

            var stored = 0;
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                recordId.Value = record.RecordId;
                timestamp.Value = record.Timestamp.ToUnixTimeMilliseconds();
                method.Value = (object?)record.Method ?? DBNull.Value;
                path.Value = record.Path;
                url.Value = (object?)record.Url ?? DBNull.Value;
                route.Value = (object?)record.Route ?? DBNull.Value;
                status.Value = (object?)record.Status ?? DBNull.Value;
                durationMs.Value = (object?)record.DurationMs ?? DBNull.Value;
                userId.Value = (object?)record.UserId ?? DBNull.Value;
                ip.Value = (object?)record.Ip ?? DBNull.Value;
                module.Value = (object?)record.Module ?? DBNull.Value;
                traceId.Value = (object?)record.TraceId ?? DBNull.Value;
                source.Value = record.Source;
                extra.Value = (object?)record.Extra ?? DBNull.Value;
                // SQLite runs synchronously anyway; the async overload would only add a task per row.
#pragma warning disable CA1849
                stored += command.ExecuteNonQuery();
#pragma warning restore CA1849
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return new RecordedRequests(stored, records.Count - stored);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
