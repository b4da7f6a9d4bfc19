using System.Collections.Concurrent;

namespace ModuleRuntime.Routing;

/// <summary>
/// Recent request and error counts per module (the last five minutes, in ten-second buckets): what the operations
/// endpoint shows so a person can watch traffic move during an extraction. Each piece of work is counted once, by
/// what answered it: an extracted instance, the in-process copy, or the in-process copy standing in for instances
/// that could not take it (a fallback). <see cref="ModulePlacement"/> is the only writer.
/// </summary>
public sealed class ModuleTraffic(TimeProvider clock)
{
    private const int BucketSeconds = 10;
    private const int BucketCount = 30;

    private readonly ConcurrentDictionary<(string Module, ServedBy ServedBy), Window> windows = new();

    public static TimeSpan Span => TimeSpan.FromSeconds(BucketSeconds * BucketCount);

    /// <summary>One piece of work, under the way it was answered; <paramref name="failed"/> when the caller got a server error.</summary>
    public void Record(string module, ServedBy servedBy, bool failed) =>
        windows.GetOrAdd((module.ToLowerInvariant(), servedBy), _ => new Window()).Add(Slot(), failed);

    public (long Requests, long Errors) Recent(string module, ServedBy servedBy) =>
        windows.TryGetValue((module.ToLowerInvariant(), servedBy), out var window) ? window.Sum(Slot()) : (0, 0);

    private long Slot() => clock.GetUtcNow().ToUnixTimeSeconds() / BucketSeconds;

    private sealed class Window
    {
        private readonly long[] slots = new long[BucketCount];
        private readonly long[] requests = new long[BucketCount];
        private readonly long[] errors = new long[BucketCount];

        public void Add(long slot, bool failed)
        {
            var i = (int)(slot % BucketCount);
            lock (slots)
            {
                if (slots[i] != slot)
                {
                    slots[i] = slot;
                    requests[i] = 0;
                    errors[i] = 0;
                }

                requests[i]++;
                if (failed)
                {
                    errors[i]++;
                }
            }
        }

        public (long Requests, long Errors) Sum(long now)
        {
            long total = 0, failed = 0;
            lock (slots)
            {
                for (var i = 0; i < BucketCount; i++)
                {
                    if (now - slots[i] < BucketCount)
                    {
                        total += requests[i];
                        failed += errors[i];
                    }
                }
            }

            return (total, failed);
        }
    }
}

/// <summary>
/// How a piece of work was answered, as the operations endpoint shows it. Kept apart from <see cref="ModuleSide"/>,
/// which says where work is sent: a fallback is served locally, but an operator must not read it as the module's own
/// in-process share, nor its failed remote attempts (which no caller saw) as remote errors.
/// </summary>
public enum ServedBy
{
    Local,
    Remote,
    Fallback,
}
