using Logging.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Logging.Application;

/// <summary>
/// The module's background work, each step a transaction of bounded size: every <c>Modules:Logging:Rollups:Interval</c>
/// it folds the roll-up deltas ingestion wrote into the per-minute and per-hour roll-ups (<see cref="RollupCompaction"/>);
/// once, it adds the records stored before the roll-ups existed (their progress commits with each batch); and every
/// <c>Retention:Interval</c> it deletes raw records older than <c>Retention:RawRecords</c>, in batches of
/// <c>Retention:BatchSize</c>. Roll-ups are never deleted, so the statistics of purged minutes stay. Several processes
/// sharing one database may each run it: every step takes the compaction lock or deletes by key.
/// </summary>
internal sealed partial class LogMaintenance(
    IServiceScopeFactory scopes,
    IOptionsMonitor<LoggingOptions> options,
    TimeProvider clock,
    ILogger<LogMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purged = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await CompactOnceAsync(stoppingToken) >= options.CurrentValue.Rollups.BatchSize)
                {
                }

                if (await BackfillOnceAsync(stoppingToken))
                {
                    continue;
                }

                if (clock.GetUtcNow() - purged >= options.CurrentValue.Retention.Interval)
                {
                    while (await PurgeOnceAsync(stoppingToken) >= options.CurrentValue.Retention.BatchSize)
                    {
                    }

                    purged = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                // A busy or unreachable database now is no reason to stop; the next round tries again.
                LogMaintenanceFailed(logger, e);
            }

            await Task.Delay(options.CurrentValue.Rollups.Interval, clock, stoppingToken);
        }
    }

    /// <summary>Folds one batch of roll-up deltas into the roll-ups; how many.</summary>
    public async Task<int> CompactOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoggingDbContext>();
        // A read first: folding takes the writers' lock on SQLite, which an idle module should not take every second.
        return await db.RollupDeltas.AnyAsync(cancellationToken)
            ? await new RollupCompaction(db).FoldAsync(options.CurrentValue.Rollups.BatchSize, cancellationToken)
            : 0;
    }

    /// <summary>Rolls up one batch (<c>Retention:BatchSize</c>) of the records stored before the roll-ups existed; false when none is left.</summary>
    public async Task<bool> BackfillOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoggingDbContext>();
        if (!await db.Backfill.AnyAsync(b => b.Below > 0, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read under the writers' lock (SQLite's is taken at BEGIN), so two processes never roll up one batch.
        await RollupCompaction.LockAsync(db, cancellationToken);
        var backfill = await db.Backfill.SingleOrDefaultAsync(b => b.Id == 1, cancellationToken);
        if (backfill is not { Below: > 0 })
        {
            return false;
        }

        var below = backfill.Below;
        var from = Math.Max(0, below - options.CurrentValue.Retention.BatchSize);
        var records = await db.Records.AsNoTracking().Where(r => r.Number >= from && r.Number < below).ToListAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await new RollupDeltas(connection, transaction.GetDbTransaction(), db.Database.IsSqlite()).AddAsync(records, cancellationToken);
        backfill.Below = from <= 1 ? 0 : from;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (backfill.Below == 0)
        {
            LogBackfilled(logger);
        }

        return backfill.Below > 0;
    }

    /// <summary>Deletes one batch of raw records older than the retention (none while older records still await their roll-up); how many.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Retention.RawRecords is not { } retention)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoggingDbContext>();
        if (await db.Backfill.AnyAsync(b => b.Below > 0, cancellationToken))
        {
            return 0;
        }

        // Whole minutes, so a minute's statistics never mix roll-ups with part of its raw records gone.
        var cutoff = (clock.GetUtcNow() - retention).ToUnixTimeMilliseconds() / Domain.RollupSpan.Minute * Domain.RollupSpan.Minute;
        var batch = options.CurrentValue.Retention.BatchSize;
        return await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "LogRecords" WHERE "Number" IN (
                SELECT "Number" FROM "LogRecords" WHERE "Timestamp" < {cutoff} ORDER BY "Timestamp" LIMIT {batch})
            """, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Every log record stored before the roll-ups existed is now in them")]
    private static partial void LogBackfilled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log maintenance (roll-up of older records, retention) failed; trying again later")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
