using System.Data;
using System.Data.Common;
using System.Globalization;
using Logging.Data;
using Logging.Domain;
using Microsoft.EntityFrameworkCore.Storage;
using static Logging.Application.RollupDeltas;

namespace Logging.Application;

/// <summary>
/// Folds the oldest <c>LogRollupDeltas</c> rows into the per-minute and per-hour <c>LogRollups</c> rows and deletes
/// them, in one transaction: a delta counts either as itself or inside the roll-ups, never both and never neither.
/// Many stored batches fold at once, so each slot and key costs one read and one write however many batches touched
/// it. One compaction runs at a time (SQLite's writer lock, a transaction lock on PostgreSQL).
/// </summary>
internal sealed class RollupCompaction(LoggingDbContext db)
{
    // Any fixed number: the key of the PostgreSQL transaction lock that keeps compactions (and the one-time roll-up of
    // older records) one at a time, as SQLite's writer lock does.
    private const string LockSql = "SELECT pg_advisory_xact_lock(21487318436016748)";

    private const string Slot = "\"Dimension\" = @dimension AND \"Span\" = @span AND \"Start\" = @start";
    private const string Columns = "\"Id\", \"Requests\", \"ClientErrors\", \"ServerErrors\", \"Histogram\"";

    /// <summary>Takes the compaction lock in the context's transaction on PostgreSQL (SQLite's writer lock is held from BEGIN).</summary>
    public static async Task LockAsync(LoggingDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        }
    }

    /// <summary>Folds up to <paramref name="maxDeltas"/> of the oldest deltas; how many it folded.</summary>
    public async Task<int> FoldAsync(int maxDeltas, CancellationToken cancellationToken)
    {
        await using var scope = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        var transaction = scope.GetDbTransaction();
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();

        var ids = new List<long>();
        var sums = new Dictionary<(int Dimension, long Span, long Start, string? Key), RollupSum>();
        await using (var read = Command(connection, transaction, $"""
            SELECT "Id", "Dimension", "Start", "Key", "Requests", "ClientErrors", "ServerErrors", "Histogram"
            FROM "LogRollupDeltas" ORDER BY "Id" LIMIT {maxDeltas.ToString(CultureInfo.InvariantCulture)}
            """))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                var dimension = reader.GetInt32(1);
                var start = reader.GetInt64(2);
                var key = reader.IsDBNull(3) ? null : reader.GetString(3);
                var histogram = (byte[])reader.GetValue(7);
                foreach (var span in RollupSpan.Each)
                {
                    var slot = (dimension, span, start / span * span, key);
                    if (!sums.TryGetValue(slot, out var sum))
                    {
                        sums[slot] = sum = new RollupSum();
                    }

                    sum.Add(reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), histogram);
                }
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        await WriteAsync(connection, transaction, sqlite, sums, cancellationToken);
        foreach (var chunk in ids.Chunk(500))
        {
            await using var delete = Command(connection, transaction,
                $"DELETE FROM \"LogRollupDeltas\" WHERE \"Id\" IN ({string.Join(", ", chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))})");
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await scope.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>Adds each sum to its slot's row: read, merge, update; or insert when the slot has none yet.</summary>
    private static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, bool sqlite,
        Dictionary<(int Dimension, long Span, long Start, string? Key), RollupSum> sums, CancellationToken cancellationToken)
    {
        await using var findKey = Command(connection, transaction, $"SELECT {Columns} FROM \"LogRollups\" WHERE {Slot} AND \"Key\" = @key");
        await using var findNull = Command(connection, transaction, $"SELECT {Columns} FROM \"LogRollups\" WHERE {Slot} AND \"Key\" IS NULL");
        await using var update = Command(connection, transaction, """
            UPDATE "LogRollups" SET "Requests" = @requests, "ClientErrors" = @clientErrors, "ServerErrors" = @serverErrors, "Histogram" = @histogram
            WHERE "Id" = @id
            """);
        await using var insert = Command(connection, transaction, """
            INSERT INTO "LogRollups" ("Dimension", "Span", "Start", "Key", "Requests", "ClientErrors", "ServerErrors", "Histogram")
            VALUES (@dimension, @span, @start, @key, @requests, @clientErrors, @serverErrors, @histogram)
            """);
        var keyed = new SlotParameters(findKey, includeKey: true);
        var unkeyed = new SlotParameters(findNull, includeKey: false);
        var updated = new ValueParameters(update);
        var updateId = Parameter(update, "id", DbType.Int64);
        var inserted = new SlotParameters(insert, includeKey: true);
        var insertedValues = new ValueParameters(insert);

        foreach (var ((dimension, span, start, key), sum) in sums)
        {
            var lookup = key is null ? unkeyed : keyed;
            lookup.Set(dimension, span, start, key);
            long? heldId = null;
#pragma warning disable CA1849 // As in LogRecordWriter: SQLite runs synchronously anyway; PostgreSQL is a round trip.
            await using (var reader = sqlite ? lookup.Command.ExecuteReader() : await lookup.Command.ExecuteReaderAsync(cancellationToken))
            {
                if (sqlite ? reader.Read() : await reader.ReadAsync(cancellationToken))
                {
                    heldId = reader.GetInt64(0);
                    sum.Add(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), (byte[])reader.GetValue(4));
                }
            }

            DbCommand write;
            if (heldId is { } id)
            {
                updateId.Value = id;
                updated.Set(sum);
                write = update;
            }
            else
            {
                inserted.Set(dimension, span, start, key);
                insertedValues.Set(sum);
                write = insert;
            }

            _ = sqlite ? write.ExecuteNonQuery() : await write.ExecuteNonQueryAsync(cancellationToken);
#pragma warning restore CA1849
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed text; the only interpolated parts are numbers and constants of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private sealed class SlotParameters(DbCommand command, bool includeKey)
    {
        private readonly DbParameter dimension = Parameter(command, "dimension", DbType.Int32);
        private readonly DbParameter span = Parameter(command, "span", DbType.Int64);
        private readonly DbParameter start = Parameter(command, "start", DbType.Int64);
        private readonly DbParameter? key = includeKey ? Parameter(command, "key", DbType.String) : null;

        public DbCommand Command => command;

        public void Set(int dimension, long span, long start, string? key)
        {
            this.dimension.Value = dimension;
            this.span.Value = span;
            this.start.Value = start;
            if (this.key is not null)
            {
                this.key.Value = (object?)key ?? DBNull.Value;
            }
        }
    }

    private sealed class ValueParameters(DbCommand command)
    {
        private readonly DbParameter requests = Parameter(command, "requests", DbType.Int64);
        private readonly DbParameter clientErrors = Parameter(command, "clientErrors", DbType.Int64);
        private readonly DbParameter serverErrors = Parameter(command, "serverErrors", DbType.Int64);
        private readonly DbParameter histogram = Parameter(command, "histogram", DbType.Binary);

        public void Set(RollupSum sum)
        {
            requests.Value = sum.Requests;
            clientErrors.Value = sum.ClientErrors;
            serverErrors.Value = sum.ServerErrors;
            histogram.Value = sum.Histogram.ToBytes();
        }
    }
}
