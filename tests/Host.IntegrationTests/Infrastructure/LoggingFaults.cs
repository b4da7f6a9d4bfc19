using Logging.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>What the Logging module's <c>RecordRequests</c> contract does while a test holds the switch.</summary>
public enum LoggingFaultMode
{
    /// <summary>Calls go through to the module.</summary>
    Pass,

    /// <summary>Calls fail (the module is down).</summary>
    Throw,

    /// <summary>Calls hang, ignoring cancellation, until the mode goes back to <see cref="Pass"/>; then they go through.</summary>
    Hang,

    /// <summary>Calls hang like <see cref="Hang"/>; once released they store their batch even though the sender gave up long ago.</summary>
    HangThenStoreLate,

    /// <summary>Calls store their batch, then fail: the module took the records but the answer was lost.</summary>
    StoreThenThrow,

    /// <summary>Calls wait <see cref="LoggingFault.SlowCallDuration"/> (well inside the send timeout), then go through: slow but successful.</summary>
    Delay,

    /// <summary>
    /// Calls block their thread synchronously, before any await (as SQLite waiting on a lock does), until the mode
    /// changes; then they go through.
    /// </summary>
    Block,
}

/// <summary>
/// A switchable fault in front of the Logging module's <c>RecordRequests</c> handler, shared by every call in one Host.
/// Flipping back to <see cref="LoggingFaultMode.Pass"/> releases every call that is hanging.
/// </summary>
public sealed class LoggingFault
{
    private readonly Lock gate = new();
    private LoggingFaultMode mode = LoggingFaultMode.Pass;
    private TaskCompletionSource release = NewRelease();
    private int calls;
    private int hanging;
    private int delaying;
    private int blocking;

    public LoggingFaultMode Mode
    {
        get
        {
            lock (gate)
            {
                return mode;
            }
        }
    }

    /// <summary>Contract calls seen so far, whatever the mode.</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>Calls hanging right now.</summary>
    public int Hanging => Volatile.Read(ref hanging);

    /// <summary>Calls in the middle of a <see cref="LoggingFaultMode.Delay"/> right now.</summary>
    public int Delaying => Volatile.Read(ref delaying);

    /// <summary>Calls blocking their thread (<see cref="LoggingFaultMode.Block"/>) right now.</summary>
    public int Blocking => Volatile.Read(ref blocking);

    /// <summary>How long a <see cref="LoggingFaultMode.Delay"/> call waits before it goes through.</summary>
    public TimeSpan SlowCallDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    public void Pass() => Set(LoggingFaultMode.Pass);

    public void Throw() => Set(LoggingFaultMode.Throw);

    public void Hang() => Set(LoggingFaultMode.Hang);

    public void Set(LoggingFaultMode next)
    {
        TaskCompletionSource? released = null;
        lock (gate)
        {
            var wasHanging = mode is LoggingFaultMode.Hang or LoggingFaultMode.HangThenStoreLate;
            mode = next;
            if (wasHanging && next is not (LoggingFaultMode.Hang or LoggingFaultMode.HangThenStoreLate))
            {
                released = release;
                release = NewRelease();
            }
        }

        released?.TrySetResult();
    }

    internal (LoggingFaultMode Mode, Task Released) Enter()
    {
        Interlocked.Increment(ref calls);
        lock (gate)
        {
            return (mode, release.Task);
        }
    }

    internal async Task WaitForRelease(Task released)
    {
        Interlocked.Increment(ref hanging);
        try
        {
            // Deliberately not cancellable: the point is a handler that ignores the sender's timeout.
            await released;
        }
        finally
        {
            Interlocked.Decrement(ref hanging);
        }
    }

    internal async Task Slow()
    {
        Interlocked.Increment(ref delaying);
        try
        {
            // Not cancellable either: slow, not failing; the send timeout is well above this.
            await Task.Delay(SlowCallDuration, CancellationToken.None);
        }
        finally
        {
            Interlocked.Decrement(ref delaying);
        }
    }

    /// <summary>Holds the calling thread, without yielding it, while the mode is <see cref="LoggingFaultMode.Block"/>.</summary>
    internal void BlockThread()
    {
        Interlocked.Increment(ref blocking);
        try
        {
            while (Mode == LoggingFaultMode.Block)
            {
                Thread.Sleep(20);
            }
        }
        finally
        {
            Interlocked.Decrement(ref blocking);
        }
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The pipeline behavior that applies a <see cref="LoggingFault"/>; registered last, so it sits just in front of the handler.</summary>
internal sealed class LoggingFaultBehavior(LoggingFault fault, IServiceProvider services) : IPipelineBehavior<RecordRequests, RecordedRequests>
{
    public const string FailureMessage = "The Logging module is down (a test fault).";

    public async Task<RecordedRequests> Handle(RecordRequests request, CancellationToken cancellationToken, RequestHandlerDelegate<RecordedRequests> next)
    {
        var (mode, released) = fault.Enter();
        switch (mode)
        {
            case LoggingFaultMode.Throw:
                throw new InvalidOperationException(FailureMessage);
            case LoggingFaultMode.Hang:
                await fault.WaitForRelease(released);
                return await next();
            case LoggingFaultMode.HangThenStoreLate:
                await fault.WaitForRelease(released);
                // The handler itself, with no token: a module that commits what it was given whatever the sender thinks.
                return await services.GetRequiredService<IRequestHandler<RecordRequests, RecordedRequests>>()
                    .Handle(request, CancellationToken.None);
            case LoggingFaultMode.StoreThenThrow:
                await next();
                throw new InvalidOperationException(FailureMessage + " The records were stored; the answer was lost.");
            case LoggingFaultMode.Delay:
                await fault.Slow();
                return await next();
            case LoggingFaultMode.Block:
                // Before any await, so whoever called Send is held until the handler lets go.
                fault.BlockThread();
                return await next();
            default:
                return await next();
        }
    }
}

public static class LoggingFaults
{
    /// <summary>Puts <paramref name="fault"/> in front of the Logging module's <c>RecordRequests</c> handler.</summary>
    public static IServiceCollection AddLoggingFault(this IServiceCollection services, LoggingFault fault)
    {
        services.AddSingleton(fault);
        services.AddScoped<IPipelineBehavior<RecordRequests, RecordedRequests>, LoggingFaultBehavior>();
        return services;
    }
}
