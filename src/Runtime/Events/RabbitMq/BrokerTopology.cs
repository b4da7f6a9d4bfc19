using Microsoft.Extensions.Options;
using ModuleRuntime.Composition;
using ModuleRuntime.Remoting;
using RabbitMQ.Client;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// The broker's names and shapes: a durable topic exchange per publishing module (routing key: the event's full type
/// name), a durable quorum queue per subscribing module bound to the types its handlers take, and a dead-letter
/// exchange and queue per subscribing module. Declaring is idempotent, so every process declares everything it
/// knows before it publishes or consumes: a subscriber's queue exists before the first event for it is published,
/// even if the subscriber's own process has never started.
/// </summary>
internal sealed class BrokerTopology(ContractCatalog contracts, EventHandlers handlers, IOptions<EventOptions> options)
{
    private const string Prefix = "monolith.";

    public static string Exchange(string publishingModule) => $"{Prefix}events.{publishingModule.ToLowerInvariant()}";

    public static string Queue(string subscribingModule) => Prefix + subscribingModule.ToLowerInvariant();

    public static string DeadLetters(string subscribingModule) => Queue(subscribingModule) + ".dead";

    /// <summary>The exchange an event of this type is published to: its owner's, by the contract it belongs to.</summary>
    public string ExchangeFor(EventEnvelope envelope) =>
        Exchange(contracts.TryGetEvent(envelope.Type, out var type) ? ModuleNames.Of(type) : envelope.Source);

    /// <summary>The hosted modules with a handler for at least one event, each with the event types it handles.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Type>> Subscriptions() =>
        contracts.Events
            .SelectMany(type => handlers.SubscribersOf(type).Select(module => (module, type)))
            .GroupBy(s => s.module, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Type>)[.. g.Select(s => s.type)], StringComparer.OrdinalIgnoreCase);

    public async Task Declare(IChannel channel, CancellationToken cancellationToken)
    {
        foreach (var owner in contracts.Events.Select(ModuleNames.Of).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await channel.ExchangeDeclareAsync(Exchange(owner), ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        }

        foreach (var (module, types) in Subscriptions())
        {
            var dead = DeadLetters(module);
            await channel.ExchangeDeclareAsync(dead, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(dead, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(dead, dead, string.Empty, cancellationToken: cancellationToken);

            var queue = Queue(module);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QueueArguments(dead), cancellationToken: cancellationToken);
            foreach (var type in types)
            {
                await channel.QueueBindAsync(queue, Exchange(ModuleNames.Of(type)), type.FullName!, cancellationToken: cancellationToken);
            }
        }
    }

    private Dictionary<string, object?> QueueArguments(string deadLetterExchange) => new()
    {
        // A quorum queue counts deliveries itself (x-delivery-count), also those a crashed consumer never answered,
        // and dead-letters past the limit: a classic queue only says "redelivered", not how often.
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = options.Value.RabbitMq.MaxDeliveryAttempts - 1,
        ["x-dead-letter-exchange"] = deadLetterExchange,
        // At-least-once dead-lettering: the broker keeps a message until the dead-letter queue has confirmed it, which
        // needs a queue that refuses publishes when full rather than dropping its oldest message.
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };
}
