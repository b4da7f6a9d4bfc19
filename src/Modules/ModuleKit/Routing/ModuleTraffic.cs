using System.Collections.Concurrent;

namespace ModuleKit.Routing;

/// <summary>
/// Recent request and error counts per module and side (the last five minutes, in ten-second buckets): what the
/// operations endpoint shows so a person can watch traffic move during an extraction.
/// </summary>
public sealed class ModuleTraffic(TimeProvider clock)
{
    private const int BucketSeconds = 10;
    private const int BucketCount = 30;

    private readonly ConcurrentDictionary<(string Module, ModuleSide Side), Window> windows = new();

    public static TimeSpan Span => TimeSpan.FromSeconds(BucketSeconds * BucketCount);

    public void Record(string module, ModuleSide side, bool failed) =>
        windows.GetOrAdd((module.ToLowerInvariant(), side), _ => new Window()).Add(Slot(), failed);

    public (long Requests, long Errors) Recent(string module, ModuleSide side) =>
        windows.TryGetValue((module.ToLowerInvariant(), side), out var window) ? window.Sum(Slot()) : (0, 0);

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
