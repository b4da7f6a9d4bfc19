namespace Extraction.Tests.Infrastructure;

/// <summary>Bounded waits: an outcome that should come within a second or two gets far longer, then the test fails with what it saw.</summary>
internal static class Eventually
{
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    public static async Task Until(Func<Task<bool>> reached, string what, Func<Task<string>>? state = null, TimeSpan? within = null)
    {
        var limit = within ?? Patience;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await reached())
        {
            if (waited.Elapsed > limit)
            {
                var seen = state is null ? string.Empty : " Last seen: " + await state();
                throw new TimeoutException($"Not reached within {limit.TotalSeconds} s: {what}.{seen}");
            }

            await Task.Delay(100);
        }
    }

    public static Task Until(Func<bool> reached, string what, Func<string>? state = null, TimeSpan? within = null) =>
        Until(() => Task.FromResult(reached()), what, state is null ? null : () => Task.FromResult(state()), within);
}
