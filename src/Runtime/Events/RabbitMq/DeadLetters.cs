using Microsoft.Extensions.Options;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>How many events each subscribing module's handlers gave up on: the depth of its dead-letter queue.</summary>
public sealed class DeadLetters
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly BrokerConnection broker;
    private readonly BrokerTopology topology;
    private readonly IOptions<EventOptions> options;

    internal DeadLetters(BrokerConnection broker, BrokerTopology topology, IOptions<EventOptions> options)
    {
        this.broker = broker;
        this.topology = topology;
        this.options = options;
    }

    /// <summary>
    /// Each hosted module that handles events, with its dead-letter count: null when it cannot be known (HTTP push,
    /// which has no dead letters, or a broker that is not reachable now). Modules without handlers are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long?>> Depths(CancellationToken cancellationToken)
    {
        var modules = topology.Subscriptions().Keys;
        var depths = modules.ToDictionary(m => m, _ => (long?)null, StringComparer.OrdinalIgnoreCase);
        if (options.Value.Transport != EventTransport.RabbitMq || !broker.IsOpen)
        {
            return depths;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // A channel of its own: asking about a queue that does not exist closes the channel it was asked on.
            await using var channel = await broker.Open().CreateChannelAsync(cancellationToken: timeout.Token);
            foreach (var module in modules)
            {
                depths[module] = (await channel.QueueDeclarePassiveAsync(BrokerTopology.DeadLetters(module), timeout.Token)).MessageCount;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Unknown rather than an error: the page that asks shows where each module runs whatever the broker does.
        }

        return depths;
    }
}
