using Logging.Contracts;
using Logging.Data;
using Logging.Domain;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Logging.Application;

/// <summary>
/// The one way records are stored, for the contract and both HTTP endpoints: a whole batch in one transaction
/// through one prepared statement, so a batch is all or nothing and thousands of rows cost one commit.
/// A record whose id is already stored is skipped, which makes resending a batch harmless. The records it stores
/// are added to the roll-ups in the same transaction (<see cref="RollupDeltas"/>), so each is counted once.
/// </summary>
internal sealed class LogRecordWriter(LoggingDbContext db)
{
    // Quoted names and @ parameters: the one spelling SQLite and PostgreSQL both read (EF creates the names quoted).
    private const string Insert = """
        INSERT INTO "LogRecords" ("RecordId", "Timestamp", "Method", "Path", "Url", "Route", "Status", "DurationMs", "UserId", "Ip", "Module", "TraceId", "Source", "Extra")
        VALUES (@recordId, @timestamp, @method, @path, @url, @route, @status, @durationMs, @userId, @ip, @module, @traceId, @source, @extra)
        ON CONFLICT ("RecordId") DO NOTHING
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
            var connection = db.Database.GetDbConnection();
            var sqlite = db.Database.IsSqlite();
            // A transaction already begun on this context (the one that remembers an idempotency key) is joined, so the
            // records and the remembered answer commit together; otherwise one of its own. On SQLite that one takes the
            // write lock at BEGIN (the provider's default), so two writers queue instead of failing to upgrade.
            var ambient = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var own = ambient is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var transaction = ambient ?? own!;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Insert;
            var recordId = Add(command, "recordId", DbType.String);
            var timestamp = Add(command, "timestamp", DbType.Int64);
            var method = Add(command, "method", DbType.String);
            var path = Add(command, "path", DbType.String);
            var url = Add(command, "url", DbType.String);
            var route = Add(command, "route", DbType.String);
            var status = Add(command, "status", DbType.Int32);
            var durationMs = Add(command, "durationMs", DbType.Double);
            var userId = Add(command, "userId", DbType.String);
            var ip = Add(command, "ip", DbType.String);
            var module = Add(command, "module", DbType.String);
            var traceId = Add(command, "traceId", DbType.String);
            var source = Add(command, "source", DbType.String);
            var extra = Add(command, "extra", DbType.String);
            await command.PrepareAsync(cancellationToken);

            var stored = new List<LogRecord>(records.Count);
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
                // SQLite runs synchronously anyway; the async overload would only add a task per row. PostgreSQL is a
                // round trip to a server, which a thread should not block on.
#pragma warning disable CA1849
                if ((sqlite ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(cancellationToken)) == 1)
                {
                    stored.Add(record);
                }
#pragma warning restore CA1849
            }

            await new RollupDeltas(connection, transaction, sqlite).AddAsync(stored, cancellationToken);

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return new RecordedRequests(stored.Count, records.Count - stored.Count);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
