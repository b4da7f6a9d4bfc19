using FluentValidation;
using Logging.Contracts;
using MediatR;
using ModuleRuntime.Routing;

namespace Monolith.Host.RequestLogs;

/// <summary>
/// Moves request records from the buffer to the Logging module in batches, through its contract. When a send fails
/// or times out, the batch and everything after it go to the spool, and the spool is drained oldest first once the
/// module answers again, file by file in the order written, so nothing is lost. Records carry unique ids and the module skips ids it
/// has stored, so a batch resent after an unclear failure is stored once.
/// </summary>
internal sealed partial class RequestLogShipper(
    RequestLogBuffer buffer,
    LogSpool spool,
    RequestLogShippingOptions options,
    IServiceScopeFactory scopes,
    ILogger<RequestLogShipper> logger) : BackgroundService
{
    // Retries and timeouts run on real time, whatever clock the application's timestamps come from.
    private static readonly TimeProvider Timer = TimeProvider.System;

    private readonly Backoff backoff = new(options.RetryDelay, options.MaxRetryDelay);
    private int failures;
    private DateTimeOffset nextAttempt = DateTimeOffset.MinValue;
    private bool failing;
    private string lastRefusal = string.Empty;

    private enum Outcome
    {
        Stored,
        Failed,
        Refused,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A batch taken from the buffer and not yet stored or spooled: kept across a failing spool, never dropped.
        List<RequestLogEntry>? inHand = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                inHand ??= await NextBatch(stoppingToken);
                if (inHand.Count > 0 && (spool.Pending > 0 || await TrySend(inHand, stoppingToken) != Outcome.Stored))
                {
                    // Behind records already waiting, or not taken: the spool keeps them (and sets aside refusals).
                    spool.Append(inHand);
                }

                inHand = null;
                if (spool.Pending > 0 && Timer.GetUtcNow() >= nextAttempt)
                {
                    await Drain(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: what is still in memory is saved below.
            }
            catch (Exception e)
            {
                // The spool cannot be written or read (disk full, directory removed). Shipping must not stop the Host:
                // keep the batch in hand, wait, try again.
                LogSpoolFailing(logger, e);
                await Pause(stoppingToken);
            }
        }

        SaveRest(inHand);
    }

    /// <summary>On the way out: records still in memory go to the spool, to be sent after the next start.</summary>
    private void SaveRest(List<RequestLogEntry>? inHand)
    {
        buffer.Close();
        var rest = inHand ?? [];
        while (buffer.Reader.TryRead(out var entry))
        {
            rest.Add(entry);
        }

        try
        {
            if (rest.Count > 0)
            {
                spool.Append(rest);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogLostAtStop(logger, rest.Count, e);
        }
    }

    private async Task Pause(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(backoff.Delay(failures), Timer, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Waits for records (or for the next retry of the spool), then takes up to a batch.</summary>
    private async Task<List<RequestLogEntry>> NextBatch(CancellationToken stoppingToken)
    {
        var batch = new List<RequestLogEntry>(options.BatchSize);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (spool.Pending > 0)
        {
            wait.CancelAfter(Until(nextAttempt));
        }

        try
        {
            if (!await buffer.Reader.WaitToReadAsync(wait.Token))
            {
                return batch;
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return batch;
        }

        Take(batch);
        if (batch.Count < options.BatchSize && options.FlushInterval > TimeSpan.Zero)
        {
            // A part-full batch waits a moment for company; under load batches fill at once and never wait.
            try
            {
                await Task.Delay(options.FlushInterval, Timer, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the batch in hand is still sent or spooled.
            }

            Take(batch);
        }

        return batch;
    }

    private void Take(List<RequestLogEntry> batch)
    {
        while (batch.Count < options.BatchSize && buffer.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }

    private async Task Drain(CancellationToken stoppingToken)
    {
        while (spool.Peek(options.BatchSize) is { } batch)
        {
            var outcome = batch.Entries.Count == 0 ? Outcome.Stored : await TrySend(batch.Entries, stoppingToken);
            switch (outcome)
            {
                case Outcome.Stored:
                    spool.Acknowledge(batch);
                    break;
                case Outcome.Refused when await SetAsideRefused(batch, stoppingToken):
                    spool.Acknowledge(batch);
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// Sends a refused batch one record at a time, so only the records the module refuses are set aside and their
    /// batch-mates still arrive. False when the module stopped answering meanwhile: the batch stays in the spool,
    /// and the records already stored are skipped when it is sent again.
    /// </summary>
    private async Task<bool> SetAsideRefused(SpoolBatch batch, CancellationToken stoppingToken)
    {
        var refused = new List<RequestLogEntry>();
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in batch.Entries)
        {
            switch (await TrySend([entry], stoppingToken))
            {
                case Outcome.Refused:
                    refused.Add(entry);
                    reasons.Add(lastRefusal);
                    break;
                case Outcome.Failed:
                    return false;
            }
        }

        spool.SetAside(refused, string.Join(" ", reasons));
        return true;
    }

    /// <summary>
    /// One contract call, bounded by the send timeout even if the handler ignores cancellation. A refusal of the
    /// records themselves is told apart from a failure, since sending them again cannot help.
    /// </summary>
    private async Task<Outcome> TrySend(IReadOnlyList<RequestLogEntry> batch, CancellationToken stoppingToken)
    {
        var scope = scopes.CreateAsyncScope();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.SendTimeout);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        // On the thread pool: a handler that blocks synchronously (SQLite waiting on a lock does) must not hold this
        // thread before the timeout below has even started.
        var send = Task.Run(() => mediator.Send(new RecordRequests(batch), timeout.Token), CancellationToken.None);
        // The scope lives as long as the call, even one abandoned after the timeout.
        _ = send.ContinueWith(_ => scope.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await send.WaitAsync(options.SendTimeout, Timer, stoppingToken);
            Recovered();
            return Outcome.Stored;
        }
        catch (ValidationException e)
        {
            lastRefusal = e.Message;
            return Outcome.Refused;
        }
        catch (Exception e)
        {
            // Stopping cancels a send like a failure does; the batch is spooled, not lost.
            if (!stoppingToken.IsCancellationRequested)
            {
                Failed(e);
            }

            return Outcome.Failed;
        }
    }

    private void Failed(Exception e)
    {
        if (!failing)
        {
            LogSpooling(logger, e.GetType().Name, e.Message);
        }

        failing = true;
        nextAttempt = Timer.GetUtcNow() + backoff.Delay(failures++);
    }

    private void Recovered()
    {
        if (failing)
        {
            LogRecovered(logger);
        }

        failing = false;
        failures = 0;
        nextAttempt = DateTimeOffset.MinValue;
    }

    private TimeSpan Until(DateTimeOffset moment)
    {
        var wait = moment - Timer.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Logging module did not take request records ({Error}: {Message}); spooling them to disk until it does")]
    private static partial void LogSpooling(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Logging module takes request records again; the spool drains in the background")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The request-log spool cannot be used; shipping retries shortly and requests are unaffected")]
    private static partial void LogSpoolFailing(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} request records were lost at shutdown: the spool could not be written")]
    private static partial void LogLostAtStop(ILogger logger, int count, Exception exception);
}
