namespace ModuleRuntime.Events;

/// <summary>
/// Where a dispatcher sends one outbox row. Returning means the event is safe elsewhere and the row may be deleted;
/// throwing keeps the row for the next attempt.
/// </summary>
internal interface IOutboxPublisher
{
    Task Publish(EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>HTTP push: delivered to every subscriber before the row goes, and passed on to the front door.</summary>
internal sealed class HttpOutboxPublisher(EventDelivery delivery) : IOutboxPublisher
{
    public Task Publish(EventEnvelope envelope, CancellationToken cancellationToken) =>
        delivery.Deliver(envelope, passToFrontDoor: true, cancellationToken);
}
