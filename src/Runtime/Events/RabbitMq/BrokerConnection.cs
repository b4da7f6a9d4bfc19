using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// This process's one connection to the broker, kept open here rather than by the client's automatic recovery, which
/// can stay down after a broker restart (rabbitmq-dotnet-client#1871): whenever the connection is closed, a new one is
/// tried every <c>ReconnectInterval</c>. The process starts and serves HTTP while the broker is down (events wait in
/// the outboxes); the consumer and the publisher open their channels again on whichever connection is current.
/// </summary>
internal sealed partial class BrokerConnection(IOptions<EventOptions> options, IHostEnvironment environment, ILogger<BrokerConnection> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource connectedOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IConnection? current;

    /// <summary>Whether the broker can take work right now.</summary>
    public bool IsOpen => current is { IsOpen: true };

    /// <summary>The current connection, open or not; null before the first connect.</summary>
    public IConnection? Current => current;

    /// <summary>Where the broker is, without credentials, for logs and health reports.</summary>
    public string Endpoint => System.Uri.TryCreate(options.Value.RabbitMq.Uri, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "(no address)";

    /// <summary>The connection when it is open; otherwise throws, so the caller's own retry takes over.</summary>
    public IConnection Open() => current is { IsOpen: true } open
        ? open
        : throw new BrokerUnavailableException($"The event broker at {Endpoint} is not reachable; events wait in the outbox.");

    /// <summary>Waits for the first connection; later ones replace it under <see cref="Current"/>.</summary>
    public Task WhenConnected(CancellationToken cancellationToken) => connectedOnce.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Transport != EventTransport.RabbitMq)
        {
            return;
        }

        var settings = options.Value.RabbitMq;
        var factory = new ConnectionFactory
        {
            Uri = new Uri(settings.Uri!),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = $"{environment.ApplicationName}:{Environment.ProcessId}",
        };
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (current is not { IsOpen: true })
            {
                try
                {
                    await Replace(await factory.CreateConnectionAsync(stoppingToken));
                    failures = 0;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Said once per outage, then quietly: a broker that is down is an expected state, not an error per try.
                    if (failures++ == 0)
                    {
                        LogUnreachable(logger, Endpoint, settings.ReconnectInterval.TotalSeconds, e);
                    }
                }
            }

            await Task.Delay(settings.ReconnectInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task Replace(IConnection fresh)
    {
        fresh.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
            {
                LogLost(logger, Endpoint, e.ReplyText);
            }

            return Task.CompletedTask;
        };
        var old = current;
        current = fresh;
        if (connectedOnce.TrySetResult())
        {
            LogConnected(logger, Endpoint);
        }
        else
        {
            LogRecovered(logger, Endpoint);
        }

        await Close(old);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Close(current);
    }

    private async Task Close(IConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception e)
        {
            // A connection that cannot close cleanly leaves nothing behind: unacknowledged events return to their
            // queues, unconfirmed rows stay in their outboxes.
            LogCloseFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "An event broker connection did not close cleanly: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the event broker at {Broker}")]
    private static partial void LogConnected(ILogger logger, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event broker at {Broker} is not reachable; trying every {RetrySeconds} s, events wait in the outbox")]
    private static partial void LogUnreachable(ILogger logger, string broker, double retrySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the event broker at {Broker}: {Reason}")]
    private static partial void LogLost(ILogger logger, string broker, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnected to the event broker at {Broker}")]
    private static partial void LogRecovered(ILogger logger, string broker);
}

/// <summary>The broker cannot take work now; the outbox keeps the event and tries again.</summary>
internal sealed class BrokerUnavailableException(string message) : Exception(message);
