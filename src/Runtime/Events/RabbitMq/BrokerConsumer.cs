using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleKit;
using ModuleKit.Problems;
using ModuleRuntime.Routing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// Consumes the queue of every module this process hosts that handles events, through <see cref="InboxProcessor"/>.
/// An event is acknowledged only after the inbox transaction has committed; a handler failure waits a growing delay,
/// then hands the event back to the queue, whose delivery limit sends it to the dead-letter queue in the end. Several
/// processes hosting a module compete for its queue; the shared inbox makes a second delivery harmless.
/// </summary>
internal sealed partial class BrokerConsumer(
    BrokerConnection broker,
    BrokerTopology topology,
    InboxProcessor inbox,
    EventSignatures signatures,
    IOptions<EventOptions> options,
    ILogger<BrokerConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan Supervision = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, IChannel> channels = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Transport != EventTransport.RabbitMq)
        {
            return;
        }

        var modules = topology.Subscriptions().Keys.Order(StringComparer.Ordinal).ToList();
        if (modules.Count == 0)
        {
            return;
        }

        await broker.WhenConnected(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!stoppingToken.IsCancellationRequested)
        {
            // A channel is closed when its connection was lost (the next connection replaces it) or when the broker closed
            // it over an error; either way it is opened again here, on the current connection, once that is up.
            var closed = modules.Where(m => channels.GetValueOrDefault(m) is not { IsOpen: true }).ToList();
            if (broker.Current is { IsOpen: true } connection)
            {
                foreach (var module in closed)
                {
                    try
                    {
                        await Consume(connection, module, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogConsumeFailed(logger, module, e);
                    }
                }
            }

            await Task.Delay(Supervision, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task Consume(IConnection connection, string module, CancellationToken stoppingToken)
    {
        if (channels.Remove(module, out var old))
        {
            await Close(old);
        }

        var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        channels[module] = channel;
        await topology.Declare(channel, stoppingToken);
        await channel.BasicQosAsync(0, (ushort)options.Value.RabbitMq.Prefetch, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => Handle(channel, module, delivery, stoppingToken);
        await channel.BasicConsumeAsync(BrokerTopology.Queue(module), autoAck: false, consumer, stoppingToken);
    }

    private async Task Handle(IChannel channel, string module, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(delivery.Body.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            envelope = null;
            LogUnreadable(logger, module, e);
        }

        if (envelope is null)
        {
            // No attempt can read it: straight to the dead letters, where an operator can look at it.
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
            return;
        }

        var verified = false;
        try
        {
            // Accepted only as signed by the module that owns the event's type (docs/adr/0037); anyone else who can
            // publish to the broker is not a module of this deployment. A key that cannot be fetched yet is a failure
            // like any other below, tried again.
            await signatures.Verify(envelope, SenderToken(delivery.BasicProperties), stoppingToken);
            verified = true;

            // The trace that wrote the event goes on here, as it does over HTTP push through the request's traceparent.
            ActivityContext.TryParse(envelope.TraceParent, null, isRemote: true, out var parent);
            using var activity = Telemetry.Source.StartActivity($"handle {envelope.Type}", ActivityKind.Consumer, parent);
            activity?.SetTag("messaging.message.id", envelope.Id.ToString());
            await inbox.Handle(module, envelope, stoppingToken);
        }
        catch (ProblemException e) when (!verified)
        {
            LogRefused(logger, envelope.Type, module, e.Message);
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, CancellationToken.None);
            return;
        }
        catch (Exception e)
        {
            var attempt = DeliveryCount(delivery.BasicProperties) + 1;
            var settings = options.Value;
            var delay = new Backoff(TimeSpan.FromMilliseconds(200), settings.MaxRetryDelay).Delay(attempt - 1);
            LogHandlerFailed(logger, envelope.Type, module, attempt, settings.RabbitMq.MaxDeliveryAttempts, e);
            // The event stays unacknowledged while waiting, so a failing handler is not retried at full speed; then the
            // queue counts the attempt and gives it out again, or dead-letters it past the limit.
            await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            return;
        }

        // Only now: the inbox row and the handlers' changes are committed, so a lost acknowledgement means one harmless
        // redelivery, never a lost event.
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
    }

    private static string? SenderToken(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(EventSignatures.Header, out var value) == true
            ? value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;

    /// <summary>How many times the quorum queue had given this event out before (absent on the first delivery).</summary>
    private static int DeliveryCount(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue("x-delivery-count", out var count) == true
            ? count switch { long l => (int)Math.Min(l, int.MaxValue), int i => i, _ => 0 }
            : 0;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var channel in channels.Values)
        {
            await Close(channel);
        }

        channels.Clear();
    }

    private async Task Close(IChannel channel)
    {
        // Unacknowledged events go back to the queue for another consumer, or for this one on its next channel, however
        // the channel ends: closing it is a courtesy the broker does not need, and it may be gone with its connection.
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception e)
        {
            LogCloseFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "An event channel did not close cleanly: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not consume the event queue of module {Module}; trying again")]
    private static partial void LogConsumeFailed(ILogger logger, string module, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event for module {Module} could not be read; it goes to the dead-letter queue")]
    private static partial void LogUnreadable(ILogger logger, string module, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventType} for module {Module} was refused and goes to the dead-letter queue: {Reason}")]
    private static partial void LogRefused(ILogger logger, string eventType, string module, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} failed in module {Module} (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogHandlerFailed(ILogger logger, string eventType, string module, int attempt, int maxAttempts, Exception exception);
}
