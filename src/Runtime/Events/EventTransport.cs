namespace ModuleRuntime.Events;

/// <summary>How an event leaves a module's outbox (<c>Events:Transport</c>).</summary>
public enum EventTransport
{
    /// <summary>Each dispatcher hands the event to every subscriber itself: in-process, or POSTed to an extracted instance.</summary>
    Http,

    /// <summary>Each dispatcher publishes to the broker; every process consumes the queues of the modules it hosts.</summary>
    RabbitMq,
}
