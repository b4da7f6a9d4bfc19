using Polly;
using Polly.Retry;

namespace ModuleRuntime.Routing;

/// <summary>
/// The wait before the next attempt after <c>failures</c> failures in a row: <see cref="First"/>, then twice as long
/// each time, never more than <see cref="Max"/>. With <see cref="Jitter"/> each wait is drawn from its upper half,
/// so callers that failed together (all queries of one burst) do not all try again at the same moment.
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max, bool Jitter = false)
{
    public TimeSpan Delay(int failures)
    {
        // Past 2^40 the cap has long been reached; the bound keeps the double far from overflow.
        var ticks = Math.Min(First.Ticks * Math.Pow(2, Math.Clamp(failures, 0, 40)), Max.Ticks);
        if (Jitter)
        {
            ticks = (ticks / 2) + (Random.Shared.NextDouble() * ticks / 2);
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>This back-off as a Polly retry's delay, so Polly's retries wait exactly as hand-written loops do.</summary>
    public Func<RetryDelayGeneratorArguments<object>, ValueTask<TimeSpan?>> ForRetries() =>
        args => ValueTask.FromResult<TimeSpan?>(Delay(args.AttemptNumber));
}
