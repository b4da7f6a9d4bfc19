using System.Collections.Concurrent;
using MediatR;
using ModuleKit.Events;
using ModuleRuntime.Events;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// An event observer a test adds to the Host (see <see cref="HostFactory.Record{TNotification}"/>): it keeps every
/// integration event of one type the Host dispatches from its outboxes, so the test can see what other modules
/// hear. Dispatch is asynchronous: wait for <see cref="HostFactory.EventsDelivered"/> before reading <see cref="All"/>.
/// </summary>
public sealed class PublishedNotifications<TNotification> : IEventObserver
    where TNotification : INotification
{
    private readonly ConcurrentQueue<TNotification> received = new();

    /// <summary>Everything dispatched so far, in the order it was dispatched.</summary>
    public IReadOnlyList<TNotification> All => [.. received];

    public Task Observe(EventEnvelope envelope, object notification, CancellationToken cancellationToken)
    {
        // Observers see every event type; this one keeps only the type it was asked to record.
        if (notification is TNotification typed)
        {
            received.Enqueue(typed);
        }

        return Task.CompletedTask;
    }
}
