using System.Collections.Concurrent;
using MediatR;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// A notification handler a test adds to the Host (see <see cref="HostFactory.Record{TNotification}"/>): it keeps
/// every notification published, so the test can see what other modules would hear.
/// </summary>
public sealed class PublishedNotifications<TNotification> : INotificationHandler<TNotification>
    where TNotification : INotification
{
    private readonly ConcurrentQueue<TNotification> received = new();

    /// <summary>Everything published so far, in the order it was published.</summary>
    public IReadOnlyList<TNotification> All => [.. received];

    public Task Handle(TNotification notification, CancellationToken cancellationToken)
    {
        received.Enqueue(notification);
        return Task.CompletedTask;
    }
}
