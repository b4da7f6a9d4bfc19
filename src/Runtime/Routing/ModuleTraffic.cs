using System.Collections.Concurrent;

using ModuleKit;

namespace ModuleRuntime.Routing;

/// <summary>
/// Recent request and error counts per module and side (the last five minutes, in ten-second buckets): what the
/// operations endpoint shows so a person can watch traffic move during an extraction. Each piece of work is
/// counted once, under the side that answered it: an extracted instance, the in-process copy, or the in-process
/// copy standing in for instances that could not take it (a fallback).
/// </summary>
public sealed class ModuleTraffic(TimeProvider clock)
{
    private const int BucketSeconds = 10;
    private const int BucketCount = 30;

    private readonly ConcurrentDictionary<(string Module, Kind Kind), Window> windows = new();

    /// <summary>
    /// Kept apart from <see cref="ModuleSide"/>, which says where work is sent: a fallback is served locally, but an
    /// operator must not read it as the module's own in-process share nor as a failure of the remote side.
    /// </summary>
    private enum Kind
    {
        Local,
        Remote,
        Fallback,
    }

    public static TimeSpan Span => TimeSpan.FromSeconds(BucketSeconds * BucketCount);

    /// <summary>Work meant for <paramref name="side"/> and answered there; <paramref name="failed"/> when the caller got a server error.</summary>
    public void Record(string module, ModuleSide side, bool failed) => Add(module, side == ModuleSide.Local ? Kind.Local : Kind.Remote, failed);

    /// <summary>
    /// Work meant for an extracted instance that none could take, served in-process instead. The failed remote
    /// attempts are not counted as remote errors: the caller never saw them. <paramref name="failed"/> says whether
    /// the in-process copy answered with a server error.
    /// </summary>
    public void RecordFallback(string module, bool failed) => Add(module, Kind.Fallback, failed);

    /// <summary>Work served in-process: the module's own share, or, when <paramref name="fallback"/>, standing in for its instances.</summary>
    public void RecordInProcess(string module, bool fallback, bool failed) => Add(module, fallback ? Kind.Fallback : Kind.Local, failed);

    public (long Requests, long Errors) Recent(string module, ModuleSide side) => Sum(module, side == ModuleSide.Local ? Kind.Local : Kind.Remote);

    public (long Requests, long Errors) RecentFallbacks(string module) => Sum(module, Kind.Fallback);

    private void Add(string module, Kind kind, bool failed) =>
        windows.GetOrAdd((module.ToLowerInvariant(), kind), _ => new Window()).Add(Slot(), failed);

    private (long Requests, long Errors) Sum(string module, Kind kind) =>
        windows.TryGetValue((module.ToLowerInvariant(), kind), out var window) ? window.Sum(Slot()) : (0, 0);

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
