using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ModuleKit;
using ModuleKit.Events;

namespace ModuleRuntime.Events;

/// <summary>Wakes a module's dispatcher as soon as this process commits a change, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> signals = new(StringComparer.OrdinalIgnoreCase);

    public void Poke(string module)
    {
        var signal = For(module);
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already poked by a concurrent save: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits until poked or the poll interval passes; true when poked.</summary>
    public Task<bool> WaitAsync(string module, TimeSpan pollInterval, CancellationToken cancellationToken) =>
        For(module).WaitAsync(pollInterval, cancellationToken);

    private SemaphoreSlim For(string module) => signals.GetOrAdd(module, _ => new SemaphoreSlim(0, 1));
}

/// <summary>
/// Pokes the module's dispatcher after every save that wrote rows, which is when new outbox rows can appear, and after
/// every commit: rows saved inside a longer transaction (a request remembered under its idempotency key) are only
/// visible to the dispatcher from then on.
/// </summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal, IEnumerable<ModuleStore> stores) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly Dictionary<Type, string> modules = stores.ToDictionary(s => s.ContextType, s => s.Module);

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Poke(eventData.Context, result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Poke(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Poke(eventData.Context, rows: 1);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Poke(eventData.Context, rows: 1);
        return Task.CompletedTask;
    }

    private void Poke(DbContext? context, int rows)
    {
        if (rows > 0 && context is not null && modules.TryGetValue(context.GetType(), out var module))
        {
            signal.Poke(module);
        }
    }
}
