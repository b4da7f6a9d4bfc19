using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModuleKit;
using ModuleKit.Events;
using ModuleRuntime.Remoting;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Events;

/// <summary>
/// Delivers an event to every module that handles it, where <see cref="ModulePlacement"/> says: this process's
/// inbox, or the inbox endpoint of the module's extracted instance, falling back to this process's inbox. An extracted service also passes its events to the
/// front door, which delivers them to the modules it serves. Throws when any delivery fails, so the outbox keeps
/// the event and tries again; inboxes make the repeat harmless.
/// </summary>
internal sealed partial class EventDelivery(
    EventHandlers handlers,
    ContractCatalog contracts,
    InboxProcessor inbox,
    ModulePlacement placement,
    ServiceTokens tokens,
    InternalHttp http,
    IConfiguration configuration,
    ILogger<EventDelivery> logger)
{
    public const string FanOutPath = "internal/events";

    public async Task Deliver(EventEnvelope envelope, bool passToFrontDoor, CancellationToken cancellationToken)
    {
        if (contracts.TryGetEvent(envelope.Type, out var type))
        {
            foreach (var module in handlers.SubscribersOf(type))
            {
                await DeliverTo(module, envelope, cancellationToken);
            }
        }

        if (passToFrontDoor && configuration[ModuleRouter.FrontDoorKey] is { Length: > 0 } frontDoor)
        {
            // Signed as the module that raised it, for the fan-out: the front door accepts it only from the type's owner.
            await http.PostAsync<object>(
                ModuleRouter.ParseDestination(frontDoor), FanOutPath, envelope, typeof(EventEnvelope),
                tokens.For(envelope.Source, ServiceTokens.EventsAudience, null), 0, cancellationToken);
        }
    }

    private async Task DeliverTo(string module, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // Not counted in ModuleTraffic, whichever side serves it: no caller waits on an event, and the outbox's
        // retries of one event would each count as another.
        var route = placement.Route(module);
        if (placement.Choose(route) == ModuleSide.Local)
        {
            await inbox.Handle(module, envelope, cancellationToken);
            return;
        }

        var destination = placement.Instance(route);
        try
        {
            if (destination is null)
            {
                throw new RemoteTransportException($"No healthy instance of the {module} module is available.") { NotDelivered = true };
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(route.Options.Remote.Timeout);
            // Signed as the module that raised it, for the subscribing module alone.
            await http.PostAsync<object>(
                destination, $"{FanOutPath}/{module}", envelope, typeof(EventEnvelope), tokens.For(envelope.Source, ServiceTokens.Of(module), null), 0, timeout.Token);
        }
        catch (Exception e) when (ModulePlacement.FallsBack(route, reached: e is not RemoteTransportException { NotDelivered: true }, safeToRepeat: true)
            && !cancellationToken.IsCancellationRequested)
        {
            // Safe to repeat whatever happened: the inbox is shared with the extracted instance (same database), so
            // handling here cannot handle twice.
            if (e is RemoteTransportException { NotDelivered: true } && destination is not null)
            {
                placement.Unreachable(route, destination);
            }

            LogFallback(logger, envelope.Type, module, e.Message);
            await inbox.Handle(module, envelope, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} handled in-process: the extracted {RoutedModule} module failed ({Reason})")]
    private static partial void LogFallback(ILogger logger, string eventType, string routedModule, string reason);
}
