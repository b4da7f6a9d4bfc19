namespace Host.IntegrationTests.Infrastructure;

/// <summary>
/// The real clock plus an offset the test controls, so a test can jump past a lockout without waiting
/// while cookies and timers that depend on time still behave.
/// </summary>
public sealed class MutableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
