using System.Text.Json;
using RabbitMQ.Client;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// Publishes an outbox row to its module's exchange and returns only once the broker has confirmed it (publisher
/// confirms: the broker has written it to every queue it routes to), so the dispatcher deletes the row only then. A
/// nack, a lost connection or a broker that is down throws, and the row stays for the next attempt.
/// </summary>
internal sealed class BrokerPublisher(BrokerConnection broker, BrokerTopology topology, EventSignatures signatures) : IOutboxPublisher, IAsyncDisposable
{
    // One channel for every dispatcher of this process, one publish at a time: a confirm round trip on loopback is
    // well under a millisecond, and a channel is not meant for concurrent use.
    private readonly SemaphoreSlim gate = new(1, 1);
    private IChannel? channel;

    public async Task Publish(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, JsonSerializerOptions.Web);
        var properties = new BasicProperties
        {
            MessageId = envelope.Id.ToString(),
            Type = envelope.Type,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(envelope.OccurredAt.ToUnixTimeSeconds()),
            // No bearer token travels through the broker: the source module signs the event itself (docs/adr/0037).
            Headers = new Dictionary<string, object?> { [EventSignatures.Header] = System.Text.Encoding.UTF8.GetBytes(signatures.Sign(envelope)) },
        };

        await gate.WaitAsync(cancellationToken);
        try
        {
            var open = await Channel(cancellationToken);
            // Not mandatory: an event nobody subscribes to (TweetPosted today) is confirmed and dropped, as HTTP push
            // delivers it to nobody. Every subscriber this process knows has its queue declared with the channel.
            await open.BasicPublishAsync(topology.ExchangeFor(envelope), envelope.Type, mandatory: false, properties, body, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IChannel> Channel(CancellationToken cancellationToken)
    {
        var connection = broker.Open();
        if (channel is { IsOpen: true })
        {
            return channel;
        }

        // Closed with a lost connection or by the broker over a channel error: start anew on the current connection.
        if (channel is not null)
        {
            var closed = channel;
            channel = null;
            await Close(closed);
        }

        var created = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        try
        {
            await topology.Declare(created, cancellationToken);
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }

        return channel = created;
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null)
        {
            await Close(channel);
        }

        gate.Dispose();
    }

    private static async Task Close(IChannel closed)
    {
        try
        {
            await closed.DisposeAsync();
        }
        catch (Exception)
        {
            // Gone with its connection already; the broker has confirmed or will redeliver nothing of ours.
        }
    }
}
