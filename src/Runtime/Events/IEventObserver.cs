using ModuleKit;
using ModuleKit.Events;

namespace ModuleRuntime.Events;

/// <summary>
/// Sees every integration event this process dispatches from its outbox, after the subscribing modules have it:
/// a place for auditing or counting events without becoming a subscriber. Registered in the container.
/// </summary>
public interface IEventObserver
{
    Task Observe(EventEnvelope envelope, object notification, CancellationToken cancellationToken);
}
