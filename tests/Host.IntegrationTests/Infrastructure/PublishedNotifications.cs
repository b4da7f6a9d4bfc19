using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ModuleKit.Events;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// Every integration event of one type the Host's modules publish, read where a module publishes it: the outbox row
/// its save writes (see <see cref="HostFactory.Record{TNotification}"/>). It is a save interceptor, which every
/// module database applies, so the product needs no hook of its own for tests. Dispatch is asynchronous: wait for
/// <see cref="HostFactory.EventsDelivered"/> before asserting on what other modules did with an event.
/// </summary>
public sealed class PublishedNotifications<TNotification> : SaveChangesInterceptor
    where TNotification : INotification
{
    private readonly ConcurrentQueue<TNotification> received = new();
    private readonly ConditionalWeakTable<DbContext, List<OutboxMessage>> pending = [];

    /// <summary>Everything published so far, in the order it was saved.</summary>
    public IReadOnlyList<TNotification> All => [.. received];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Rows are read before the save (they are Added then) and kept only once it succeeded, so a refused save publishes nothing.
    private void Collect(DbContext? context)
    {
        if (context is not null)
        {
            pending.AddOrUpdate(context, [.. context.ChangeTracker.Entries<OutboxMessage>()
                .Where(e => e.State == EntityState.Added && e.Entity.Type == typeof(TNotification).FullName)
                .Select(e => e.Entity)]);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var messages))
        {
            pending.Remove(context);
            foreach (var message in messages)
            {
                received.Enqueue(JsonSerializer.Deserialize<TNotification>(message.Payload, JsonSerializerOptions.Web)!);
            }
        }
    }
}
