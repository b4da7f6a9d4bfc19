using FluentValidation;
using Logging.Contracts;
using MediatR;

namespace Monolith.Host.RequestLogs;

/// <summary>
/// Moves request records from the buffer to the Logging module in batches, through its contract. When a send fails
/// or times out, the batch and everything after it go to the spool, and the spool is drained oldest first once the
/// module answers again, so order is kept and nothing is lost. Records carry unique ids and the module skips ids it
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

    private TimeSpan retryDelay = options.RetryDelay;
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
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = await NextBatch(stoppingToken);
                if (batch.Count > 0 && (spool.Pending > 0 || await TrySend(batch, stoppingToken) != Outcome.Stored))
                {
                    // Behind records already waiting, or not taken: the spool keeps them in order (and sets aside refusals).
                    spool.Append(batch);
                }

                if (spool.Pending > 0 && Timer.GetUtcNow() >= nextAttempt)
                {
                    await Drain(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still in memory is saved below.
        }

        buffer.Close();
        var rest = new List<RequestLogEntry>();
        while (buffer.Reader.TryRead(out var entry))
        {
            rest.Add(entry);
        }

        if (rest.Count > 0)
        {
            spool.Append(rest);
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

        LogDrained(logger);
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
        var send = scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordRequests(batch), timeout.Token);
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
        nextAttempt = Timer.GetUtcNow() + retryDelay;
        retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, options.MaxRetryDelay.Ticks));
    }

    private void Recovered()
    {
        failing = false;
        retryDelay = options.RetryDelay;
        nextAttempt = DateTimeOffset.MinValue;
    }

    private TimeSpan Until(DateTimeOffset moment)
    {
        var wait = moment - Timer.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Logging module did not take request records ({Error}: {Message}); spooling them to disk until it does")]
    private static partial void LogSpooling(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The request-log spool is drained; records go straight to the Logging module again")]
    private static partial void LogDrained(ILogger logger);
}
