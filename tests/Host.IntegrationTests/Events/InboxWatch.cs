using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ModuleKit.Events;

namespace Host.IntegrationTests.Events;

/// <summary>
/// Watches one Host's inbox saves: which events a module's handlers ran for to the end (the changes and the inbox row
/// saved together), how many attempts there were, and, when told to, fails them as a broken handler would.
/// </summary>
public sealed class InboxWatch : SaveChangesInterceptor
{
    private readonly ConcurrentQueue<Guid> handled = new();
    private int attempts;

    /// <summary>While true, every save of an inbox row throws, rolling the handlers' changes back.</summary>
    public volatile bool Failing;

    /// <summary>Every event id whose handling was saved, in order; a repeat would appear twice.</summary>
    public IReadOnlyList<Guid> Handled => [.. handled];

    public int Attempts => Volatile.Read(ref attempts);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Inbox(eventData.Context).Count > 0)
        {
            Interlocked.Increment(ref attempts);
            if (Failing)
            {
                throw new InvalidOperationException("A handler failure injected by the test.");
            }
        }

        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        foreach (var id in Inbox(eventData.Context))
        {
            handled.Enqueue(id);
        }

        return ValueTask.FromResult(result);
    }

    private static List<Guid> Inbox(DbContext? context) =>
        context is null ? [] : [.. context.ChangeTracker.Entries<InboxMessage>().Where(e => e.State is EntityState.Added or EntityState.Unchanged).Select(e => e.Entity.EventId)];
}
