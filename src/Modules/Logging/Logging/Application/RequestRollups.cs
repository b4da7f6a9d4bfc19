using System.Data;
using System.Data.Common;
using Logging.Domain;

namespace Logging.Application;

/// <summary>
/// Adds newly stored records to the roll-ups (per minute and per hour, for every dimension), inside the transaction
/// that stored them: a record is in the roll-ups exactly when it is in <c>LogRecords</c>. A batch is summed in memory
/// first, so each slot and key it touches costs one read and one write, whatever the number of records.
/// </summary>
internal sealed class RequestRollups(DbConnection connection, DbTransaction transaction, bool sqlite)
{
    // Any fixed number: the key of PostgreSQL's transaction lock that stands in for SQLite's single writer, so two
    // batches never read, merge and write the same roll-up row side by side. Ingestion on PostgreSQL queues on it.
    private const string LockSql = "SELECT pg_advisory_xact_lock(21487318436016748)";

    private const string Columns = "\"Id\", \"Requests\", \"ClientErrors\", \"ServerErrors\", \"Histogram\"";
    private const string Slot = "\"Dimension\" = @dimension AND \"Span\" = @span AND \"Start\" = @start";

    /// <summary>Takes the roll-up writers' lock in the context's transaction on PostgreSQL (SQLite's writer lock is held from BEGIN).</summary>
    public static async Task LockAsync(Data.LoggingDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        }
    }

    public async Task AddAsync(IEnumerable<LogRecord> records, CancellationToken cancellationToken)
    {
        var deltas = Sum(records);
        if (deltas.Count == 0)
        {
            return;
        }

        if (!sqlite)
        {
            await using var lockCommand = Command(LockSql);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var findKey = Command($"SELECT {Columns} FROM \"LogRollups\" WHERE {Slot} AND \"Key\" = @key");
        await using var findNull = Command($"SELECT {Columns} FROM \"LogRollups\" WHERE {Slot} AND \"Key\" IS NULL");
        await using var update = Command("""
            UPDATE "LogRollups" SET "Requests" = @requests, "ClientErrors" = @clientErrors, "ServerErrors" = @serverErrors, "Histogram" = @histogram
            WHERE "Id" = @id
            """);
        await using var insert = Command("""
            INSERT INTO "LogRollups" ("Dimension", "Span", "Start", "Key", "Requests", "ClientErrors", "ServerErrors", "Histogram")
            VALUES (@dimension, @span, @start, @key, @requests, @clientErrors, @serverErrors, @histogram)
            """);
        var find = new SlotParameters(findKey, includeKey: true);
        var findNullSlot = new SlotParameters(findNull, includeKey: false);
        var updateValues = new ValueParameters(update);
        var updateId = Parameter(update, "id", DbType.Int64);
        var insertSlot = new SlotParameters(insert, includeKey: true);
        var insertValues = new ValueParameters(insert);

        foreach (var ((dimension, span, start, key), delta) in deltas)
        {
            var lookup = key is null ? findNullSlot : find;
            lookup.Set(dimension, span, start, key);
            var held = await ReadAsync(lookup.Command, cancellationToken);
            if (held is { } row)
            {
                delta.Histogram.MergeBytes(row.Histogram);
                updateId.Value = row.Id;
                updateValues.Set(delta, row);
                await ExecuteAsync(update, cancellationToken);
            }
            else
            {
                insertSlot.Set(dimension, span, start, key);
                insertValues.Set(delta, held: null);
                await ExecuteAsync(insert, cancellationToken);
            }
        }
    }

    private static Dictionary<(int Dimension, long Span, long Start, string? Key), Delta> Sum(IEnumerable<LogRecord> records)
    {
        var deltas = new Dictionary<(int, long, long, string?), Delta>();
        foreach (var record in records)
        {
            var at = record.Timestamp.ToUnixTimeMilliseconds();
            foreach (var span in RollupSpan.Each)
            {
                var start = at / span * span;
                foreach (var dimension in RollupDimension.Each)
                {
                    var slot = (dimension, span, start, RollupDimension.KeyOf(dimension, record));
                    if (!deltas.TryGetValue(slot, out var delta))
                    {
                        deltas[slot] = delta = new Delta();
                    }

                    delta.Add(record);
                }
            }
        }

        return deltas;
    }

    private async Task<HeldRow?> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        // SQLite runs synchronously anyway (LogRecordWriter says why the async overloads are kept for PostgreSQL).
#pragma warning disable CA1849
        await using var reader = sqlite ? command.ExecuteReader() : await command.ExecuteReaderAsync(cancellationToken);
        if (!(sqlite ? reader.Read() : await reader.ReadAsync(cancellationToken)))
        {
            return null;
        }
#pragma warning restore CA1849

        return new HeldRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), (byte[])reader.GetValue(4));
    }

    private async Task ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
#pragma warning disable CA1849
        _ = sqlite ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(cancellationToken);
#pragma warning restore CA1849
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed text: the only interpolated parts are constants of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed class Delta
    {
        public long Requests { get; private set; }

        public long ClientErrors { get; private set; }

        public long ServerErrors { get; private set; }

        public LatencyHistogram Histogram { get; } = new();

        public void Add(LogRecord record)
        {
            Requests++;
            ClientErrors += record.Status is >= 400 and < 500 ? 1 : 0;
            ServerErrors += record.Status >= 500 ? 1 : 0;
            if (record.DurationMs is { } duration)
            {
                Histogram.Add(duration);
            }
        }
    }

    private sealed record HeldRow(long Id, long Requests, long ClientErrors, long ServerErrors, byte[] Histogram);

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

        public void Set(Delta delta, HeldRow? held)
        {
            requests.Value = delta.Requests + (held?.Requests ?? 0);
            clientErrors.Value = delta.ClientErrors + (held?.ClientErrors ?? 0);
            serverErrors.Value = delta.ServerErrors + (held?.ServerErrors ?? 0);
            histogram.Value = delta.Histogram.ToBytes();
        }
    }
}
