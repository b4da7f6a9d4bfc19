using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleKit.Data;
using ModuleKit.Events;

namespace ModuleRuntime.Idempotency;

/// <summary>
/// Deletes expired keys from every module database this process hosts. A lookup already ignores an expired key; this
/// only keeps the tables from growing. Every process sharing a database may sweep it: a delete twice is harmless.
/// </summary>
internal sealed partial class RememberedRequestSweeper(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleStore> stores,
    IOptionsMonitor<IdempotencyOptions> options,
    TimeProvider clock,
    ILogger<RememberedRequestSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.SweepInterval, clock, stoppingToken);
            foreach (var store in stores)
            {
                try
                {
                    await Sweep(store, stoppingToken);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // A busy or missing database now is not a reason to stop sweeping; the next round tries again.
                    LogSweepFailed(logger, store.Module, e);
                }
            }
        }
    }

    private async Task Sweep(ModuleStore store, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = store.Context(scope.ServiceProvider);
        if (db.Model.FindEntityType(typeof(RememberedRequest)) is null)
        {
            return;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.Set<RememberedRequest>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the expired idempotency keys of {StoreModule}")]
    private static partial void LogSweepFailed(ILogger logger, string storeModule, Exception exception);
}
