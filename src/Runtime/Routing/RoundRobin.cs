namespace ModuleRuntime.Routing;

/// <summary>
/// Takes items of a list in turn, so work spreads over every instance. One per list owner, shared by all threads:
/// the counter is the only state, and it wraps without harm.
/// </summary>
public sealed class RoundRobin
{
    private int next;

    /// <summary>The next item in turn; null when the list is empty.</summary>
    public T? Pick<T>(IReadOnlyList<T> items)
        where T : class =>
        items.Count == 0 ? null : items[Next(items.Count)];

    /// <summary>The next item in turn that <paramref name="fit"/> accepts, trying each at most once; null when none is fit.</summary>
    public T? Pick<T>(IReadOnlyList<T> items, Func<T, bool> fit)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            var candidate = items[Next(items.Count)];
            if (fit(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private int Next(int count) => (int)((uint)Interlocked.Increment(ref next) % (uint)count);
}
