using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// This process's one connection to the broker. The first connect is retried here until it succeeds, so the process
/// starts and serves HTTP while the broker is down (events wait in the outboxes); after that, the client's automatic
/// recovery reconnects and restores channels, declarations and consumers.
/// </summary>
internal sealed partial class BrokerConnection(IOptions<EventOptions> options, IHostEnvironment environment, ILogger<BrokerConnection> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<IConnection> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the broker can take work right now: connected once, and not in the middle of a recovery.</summary>
    public bool IsOpen => connected.Task.IsCompletedSuccessfully && connected.Task.Result.IsOpen;

    /// <summary>Where the broker is, without credentials, for logs and health reports.</summary>
    public string Endpoint => System.Uri.TryCreate(options.Value.RabbitMq.Uri, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : "(no address)";

    /// <summary>The connection when it is open; otherwise throws, so the caller's own retry takes over.</summary>
    public IConnection Open() => IsOpen
        ? connected.Task.Result
        : throw new BrokerUnavailableException($"The event broker at {Endpoint} is not reachable; events wait in the outbox.");

    /// <summary>Waits for the first connection; later losses are recovered under it.</summary>
    public Task<IConnection> WhenConnected(CancellationToken cancellationToken) => connected.Task.WaitAsync(cancellationToken);

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
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = settings.ReconnectInterval,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = $"{environment.ApplicationName}:{Environment.ProcessId}",
        };
        var attempts = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(stoppingToken);
                connection.ConnectionShutdownAsync += (_, e) =>
                {
                    if (e.Initiator != ShutdownInitiator.Application)
                    {
                        LogLost(logger, Endpoint, e.ReplyText);
                    }

                    return Task.CompletedTask;
                };
                connection.RecoverySucceededAsync += (_, _) =>
                {
                    LogRecovered(logger, Endpoint);
                    return Task.CompletedTask;
                };
                LogConnected(logger, Endpoint);
                connected.SetResult(connection);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Said once, then quietly: a broker that is down at start-up is an expected state, not an error per try.
                if (attempts++ == 0)
                {
                    LogUnreachable(logger, Endpoint, settings.ReconnectInterval.TotalSeconds, e);
                }

                await Task.Delay(settings.ReconnectInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (connected.Task.IsCompletedSuccessfully)
        {
            try
            {
                await connected.Task.Result.DisposeAsync();
            }
            catch (Exception e)
            {
                // A connection that cannot close cleanly at shutdown leaves nothing behind: unacknowledged events return
                // to their queues, unconfirmed rows stay in their outboxes.
                LogCloseFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The event broker connection did not close cleanly at shutdown: {Reason}")]
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
