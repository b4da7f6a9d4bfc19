using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModuleKit;
using ModuleKit.Data;
using ModuleKit.Events;
using ModuleRuntime.Composition;
using ModuleRuntime.Data;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Events;

/// <summary>
/// Hands an event to one module's handlers exactly once in effect: the event id goes into the module's inbox in
/// the same transaction as the handlers' changes, so a redelivery (after a restart, a retry, or from a second
/// process sharing the database) finds it there and does nothing.
/// </summary>
internal sealed partial class InboxProcessor(
    IServiceScopeFactory scopes,
    ContractCatalog contracts,
    EventHandlers handlers,
    IEnumerable<ModuleStore> stores,
    TimeProvider clock,
    ILogger<InboxProcessor> logger)
{
    /// <summary>Returns false when the event had been handled before, or is not this module's to handle.</summary>
    public async Task<bool> Handle(string module, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!contracts.TryGetEvent(envelope.Type, out var type) || !handlers.SubscribersOf(type).Contains(module, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        // Only the module that owns the type raises it, whichever way it came (docs/adr/0037); the internal endpoints and
        // the broker consumer have checked who sent it, this checks what the source module put in its outbox.
        if (!string.Equals(ModuleNames.Of(type), envelope.Source, StringComparison.OrdinalIgnoreCase))
        {
            LogNotOwned(logger, envelope.Type, envelope.Source, module);
            return false;
        }

        var notification = envelope.Payload.Deserialize(type, JsonSerializerOptions.Web)
            ?? throw new JsonException($"The event {envelope.Id} has an empty body.");
        await using var scope = scopes.CreateAsyncScope();
        var store = ModuleStore.Of(stores, module)
            ?? throw new InvalidOperationException($"The {module} module handles events but has no database for its inbox.");
        var db = store.Context(scope.ServiceProvider);

        // SQLite transactions here take the write lock when they begin, and on PostgreSQL a lock on the event id is
        // taken first, so two processes cannot both pass the check.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.SerializeOnAsync($"inbox:{envelope.Id}", cancellationToken);
        if (await db.Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.Id, cancellationToken))
        {
            return false;
        }

        // The handlers run as the subscribing module's own code: a contract call they make is signed as that module.
        using (ModuleCall.Enter(module))
        {
            await handlers.Run(scope.ServiceProvider, module, notification, cancellationToken);
        }

        db.Set<InboxMessage>().Add(new InboxMessage { EventId = envelope.Id, Type = envelope.Type, HandledAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueConstraint.IsViolation(e))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventType} from module {SourceModule} was not handled by {SubscriberModule}: only the module that owns the type may raise it")]
    private static partial void LogNotOwned(ILogger logger, string eventType, string sourceModule, string subscriberModule);
}
