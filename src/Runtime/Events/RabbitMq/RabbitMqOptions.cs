namespace ModuleRuntime.Events.RabbitMq;

/// <summary>The broker events travel through when <c>Events:Transport</c> is <c>RabbitMq</c> (<c>Events:RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    /// <summary>For example <c>amqp://guest:guest@127.0.0.1:5672/</c>; required with the RabbitMq transport.</summary>
    public string? Uri { get; set; }

    /// <summary>
    /// How many times one module's handlers may fail an event before it goes to the module's dead-letter queue. Fixed
    /// into each queue when the broker first creates it (<c>x-delivery-limit</c>).
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>How many unacknowledged events the broker sends one consumer ahead of its acknowledgements.</summary>
    public int Prefetch { get; set; } = 16;

    /// <summary>How long to wait between attempts to reach the broker, at start-up and after losing it.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(5);
}
