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
