using System.Collections.Concurrent;

namespace Extraction.Tests.Infrastructure;

/// <summary>One request of a load loop: what it is, how to send it, and the statuses a served request answers with.</summary>
internal sealed record LoadStep(string Label, HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Send, params int[] Served);

/// <summary>What one request of a load loop got: its status and problem type, or the error that stopped it.</summary>
internal sealed record Outcome(string Label, int Worker, string PhaseAtStart, string PhaseAtEnd, int? Status, string? ProblemType, string? Error, bool Served)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Label} [{PhaseAtStart}→{PhaseAtEnd}] → {(Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer")} {ProblemType} {Error}");
}

/// <summary>
/// A bounded concurrent load: a few workers send requests one after another until told to stop or until each has
/// sent its maximum, so a loop ends by count even if nobody stops it. A phase label, set by the test as it kills or
/// moves things, is recorded with each request when it starts and when it ends.
/// </summary>
internal sealed class Load
{
    private static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<Outcome> outcomes = new();
    private volatile string phase = "start";
    private volatile bool stopping;
    private int completed;

    private Load(int workers, int maxPerWorker, Func<int, int, LoadStep> next)
    {
        Workers = workers;
        MaxPerWorker = maxPerWorker;
        Finished = Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w, next))));
    }

    public int Workers { get; }

    public int MaxPerWorker { get; }

    public Task Finished { get; }

    public int Completed => Volatile.Read(ref completed);

    public IReadOnlyList<Outcome> Outcomes => [.. outcomes];

    public string Phase
    {
        get => phase;
        set => phase = value;
    }

    /// <summary>Starts <paramref name="workers"/> workers; <paramref name="next"/> gives worker w its i-th request.</summary>
    public static Load Start(int workers, int maxPerWorker, Func<int, int, LoadStep> next) => new(workers, maxPerWorker, next);

    /// <summary>Waits until <paramref name="count"/> more requests have completed; fails if the loop runs out first.</summary>
    public async Task Advance(int count)
    {
        var target = Completed + count;
        await Eventually.Until(
            () => Completed >= target || Finished.IsCompleted,
            $"{count} more requests of the load complete");
        Completed.Should().BeGreaterThanOrEqualTo(target, "the load must still be running at this point (it ran out after {0} requests)", Completed);
    }

    /// <summary>Tells the workers to stop after their current request and waits for them.</summary>
    public async Task<IReadOnlyList<Outcome>> Stop()
    {
        stopping = true;
        await Finished;
        return Outcomes;
    }

    private async Task Work(int worker, Func<int, int, LoadStep> next)
    {
        for (var i = 0; i < MaxPerWorker && !stopping; i++)
        {
            var step = next(worker, i);
            var startedIn = phase;
            int? status = null;
            string? problem = null, error = null;
            try
            {
                using var response = await step.Send(step.Client);
                status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                problem = Api.ProblemType(response.Content.Headers.ContentType?.ToString() ?? string.Empty, body);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }

            var outcome = new Outcome(step.Label, worker, startedIn, phase, status, problem, error, status is { } s && step.Served.Contains(s));
            outcomes.Enqueue(outcome);
            Interlocked.Increment(ref completed);
            if (!outcome.Served)
            {
                // A client that got an error waits a moment, as real ones do; instant 503s would otherwise use up a
                // worker's whole count before the test has looked at what happens while something is down.
                await Task.Delay(BackOff);
            }
        }
    }
}

internal static class Outcomes
{
    /// <summary>A short list of outcomes for a failure message.</summary>
    public static string Show(this IEnumerable<Outcome> outcomes, int max = 15)
    {
        var list = outcomes.ToList();
        var shown = string.Join("\n  ", list.Take(max));
        return list.Count > max ? $"{list.Count} outcomes, first {max}:\n  {shown}" : $"{list.Count} outcomes:\n  {shown}";
    }
}
