using System.Diagnostics;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ModuleKit.Events;

public static class Outbox
{
    /// <summary>
    /// Queues an integration event in the module's outbox; it is stored by the next SaveChanges, in the same
    /// transaction as the change it announces, and delivered after commit by the module's dispatcher.
    /// </summary>
    public static void AddEvent<TEvent>(this DbContext db, TEvent notification, DateTimeOffset occurredAt)
        where TEvent : INotification =>
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = Guid.NewGuid(),
            Type = typeof(TEvent).FullName!,
            Payload = JsonSerializer.Serialize(notification, JsonSerializerOptions.Web),
            OccurredAt = occurredAt,
            TraceParent = Activity.Current?.Id,
        });

    /// <summary>
    /// Saves the pending changes and then an event built from what was saved (such as a generated id), both in one
    /// transaction: either the change and its event are stored, or neither is. Inside a transaction already begun (such
    /// as the one that remembers an idempotency key with its answer) both join it and commit with it.
    /// </summary>
    public static async Task SaveWithEventAsync<TEvent>(this DbContext db, Func<TEvent> describe, DateTimeOffset occurredAt, CancellationToken cancellationToken)
        where TEvent : INotification
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.AddEvent(describe(), occurredAt);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.AddEvent(describe(), occurredAt);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
