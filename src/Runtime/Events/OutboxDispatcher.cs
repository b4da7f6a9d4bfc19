using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleKit;
using ModuleKit.Events;
using ModuleRuntime.Events.RabbitMq;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Events;

/// <summary>How events leave the outbox, how often dispatchers look at it, and how long a dispatch lease lasts (<c>Events</c>).</summary>
public sealed class EventOptions
{
    public const string SectionName = "Events";

    /// <summary>HTTP push between processes (the default: nothing to run beside the app) or a RabbitMQ broker.</summary>
    public EventTransport Transport { get; set; } = EventTransport.Http;

    /// <summary>The broker, when <see cref="Transport"/> is <see cref="EventTransport.RabbitMq"/>.</summary>
    public RabbitMqOptions RabbitMq { get; set; } = new();

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long another process waits before taking over the outbox of a dispatcher that stopped answering.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Delivers a module's outbox oldest first, one event at a time, deleting each once every subscriber has it (HTTP
/// push) or the broker has confirmed it (RabbitMQ). It
/// stops at the first failure and retries with backoff, so events from one source arrive in order. Processes that
/// share the database take turns through a lease, so only one dispatches at a time.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    string module,
    IServiceScopeFactory scopes,
    IOutboxPublisher publisher,
    OutboxSignal signal,
    IOptions<EventOptions> options,
    TimeProvider clock,
    ModuleMetrics metrics,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int BatchSize = 50;
    private const string LeaseName = "dispatch";

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await HasOutbox(stoppingToken))
        {
            return;
        }

        var settings = options.Value;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), settings.MaxRetryDelay);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(module, settings.PollInterval, stoppingToken);
                while (await DispatchBatch(stoppingToken))
                {
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                var retryDelay = backoff.Delay(failures++);
                LogDeliveryFailed(logger, module, retryDelay.TotalSeconds, e);
                await Task.Delay(retryDelay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Hand the lease back, so a process that keeps running takes over at once.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            if (db.Model.FindEntityType(typeof(OutboxLease)) is not null)
            {
                await db.Set<OutboxLease>().Where(l => l.Name == LeaseName && l.Holder == holder)
                    .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, 0L), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLeaseNotReleased(logger, module, e);
        }
    }

    /// <summary>Delivers up to one batch; true when a full batch went out and more may be waiting.</summary>
    private async Task<bool> DispatchBatch(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // A read first: an idle module costs no write per poll, only the processes with work compete for the lease.
        // A count rather than a look, for the same price on a table this short: it is the outbox depth metric.
        var waiting = await db.Set<OutboxMessage>().CountAsync(cancellationToken);
        metrics.OutboxDepth(module, waiting);
        if (waiting == 0 || !await TryHoldLease(db, cancellationToken))
        {
            return false;
        }

        var batch = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            if (!await TryHoldLease(db, cancellationToken))
            {
                return false;
            }

            using (StartActivity(message))
            {
                await publisher.Publish(EventEnvelope.From(module, message), cancellationToken);
            }

            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteDeleteAsync(cancellationToken);
        }

        return batch.Count == BatchSize;
    }

    private async Task<bool> TryHoldLease(TContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)options.Value.LeaseDuration.TotalMilliseconds;
        var taken = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OutboxLeases" ("Name", "Holder", "ExpiresAt") VALUES ({LeaseName}, {holder}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "OutboxLeases"."Holder" = excluded."Holder" OR "OutboxLeases"."ExpiresAt" < {now}
            """, cancellationToken);
        return taken > 0;
    }

    private async Task<bool> HasOutbox(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        cancellationToken.ThrowIfCancellationRequested();
        return db.Model.FindEntityType(typeof(OutboxMessage)) is not null;
    }

    private static Activity? StartActivity(OutboxMessage message)
    {
        // Remote: the context was stored by another request, perhaps in another process. With export off the sampler
        // drops every span, and the SDK keeps a propagation-only activity only for a root or a remote parent: under a
        // local parent there would be no activity, and the delivery would leave under a new trace id.
        ActivityContext.TryParse(message.TraceParent, null, isRemote: true, out var parent);
        var activity = Telemetry.Source.StartActivity($"deliver {message.Type}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.EventId.ToString());
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of module {SourceModule} could not be delivered; retrying in {RetrySeconds} s")]
    private static partial void LogDeliveryFailed(ILogger logger, string sourceModule, double retrySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox lease of module {SourceModule} was not released at shutdown")]
    private static partial void LogLeaseNotReleased(ILogger logger, string sourceModule, Exception exception);
}
