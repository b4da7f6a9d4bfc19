using System.Data;
using System.Data.Common;

namespace Logging.Application;

/// <summary>
/// Adds newly stored records to the roll-ups inside the transaction that stored them, so a record is in the roll-ups
/// exactly when it is in <c>LogRecords</c>: the batch is summed per dimension, minute and key, and each sum is inserted
/// as one <c>LogRollupDeltas</c> row. Inserts only: concurrent batches never read or lock each other's rows, and the
/// cost grows with the keys a batch touches, not with what is stored already. <see cref="RollupCompaction"/> folds the
/// rows into the per-minute and per-hour roll-ups later.
/// </summary>
internal sealed class RollupDeltas(DbConnection connection, DbTransaction transaction, bool sqlite)
{
    public async Task AddAsync(IEnumerable<Domain.LogRecord> records, CancellationToken cancellationToken)
    {
        var sums = RollupSum.OfMinutes(records);
        if (sums.Count == 0)
        {
            return;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "LogRollupDeltas" ("Dimension", "Start", "Key", "Requests", "ClientErrors", "ServerErrors", "Histogram")
            VALUES (@dimension, @start, @key, @requests, @clientErrors, @serverErrors, @histogram)
            """;
        var dimension = Parameter(insert, "dimension", DbType.Int32);
        var start = Parameter(insert, "start", DbType.Int64);
        var key = Parameter(insert, "key", DbType.String);
        var requests = Parameter(insert, "requests", DbType.Int64);
        var clientErrors = Parameter(insert, "clientErrors", DbType.Int64);
        var serverErrors = Parameter(insert, "serverErrors", DbType.Int64);
        var histogram = Parameter(insert, "histogram", DbType.Binary);
        foreach (var (slot, sum) in sums)
        {
            dimension.Value = slot.Dimension;
            start.Value = slot.Start;
            key.Value = (object?)slot.Key ?? DBNull.Value;
            requests.Value = sum.Requests;
            clientErrors.Value = sum.ClientErrors;
            serverErrors.Value = sum.ServerErrors;
            histogram.Value = sum.Histogram.ToBytes();
            // As in LogRecordWriter: SQLite runs synchronously anyway; PostgreSQL is a round trip.
#pragma warning disable CA1849
            _ = sqlite ? insert.ExecuteNonQuery() : await insert.ExecuteNonQueryAsync(cancellationToken);
#pragma warning restore CA1849
        }
    }

    internal static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
