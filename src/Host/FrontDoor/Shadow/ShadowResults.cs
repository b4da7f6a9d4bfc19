using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>
/// What shadowing found, per module and route since the Host started: how many answers were compared, how many
/// differed, how many shadow requests failed or were skipped, and the latest mismatches as samples. Samples keep no
/// request headers, and values that look like credentials are replaced, so the operations page never shows a token.
/// </summary>
internal sealed partial class ShadowResults(IOptionsMonitor<ShadowOptions> options, TimeProvider clock)
{
    private const int MaxValueLength = 200;

    private readonly ConcurrentDictionary<string, ModuleResults> modules = new(StringComparer.OrdinalIgnoreCase);

    public void Matched(ShadowTrial trial) => For(trial.Module).Route(trial.Route).Add(compared: 1);

    public void Mismatched(ShadowTrial trial, IReadOnlyList<Difference> differences)
    {
        var module = For(trial.Module);
        module.Route(trial.Route).Add(compared: 1, mismatched: 1);
        module.Keep(new ShadowSample(clock.GetUtcNow(), trial.Route, Redact(trial.PathAndQuery), [.. differences.Select(Redact)]), options.CurrentValue.MaxSamples);
    }

    public void Failed(ShadowTrial trial) => For(trial.Module).Route(trial.Route).Add(failed: 1);

    public void Skipped(string module) => Interlocked.Increment(ref For(module).SkippedCount);

    public ShadowReport Report(string module, double percent)
    {
        var results = For(module);
        var routes = results.Routes.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RouteReport(r.Key, r.Value.Compared, r.Value.Mismatched, r.Value.Failed))
            .ToList();
        return new ShadowReport(
            module,
            percent,
            routes.Sum(r => r.Compared),
            routes.Sum(r => r.Mismatched),
            routes.Sum(r => r.Failed),
            Interlocked.Read(ref results.SkippedCount),
            routes,
            results.Samples());
    }

    private ModuleResults For(string module) => modules.GetOrAdd(module, _ => new ModuleResults());

    private static Difference Redact(Difference difference) =>
        Sensitive().IsMatch(difference.Where.Split('/').Last())
            ? difference with { Expected = Hidden(difference.Expected), Actual = Hidden(difference.Actual) }
            : difference with { Expected = Cut(difference.Expected), Actual = Cut(difference.Actual) };

    private static string Redact(string pathAndQuery) => SensitiveQuery().Replace(pathAndQuery, m => $"{m.Groups[1].Value}=(redacted)");

    private static string? Hidden(string? value) => value is null ? null : "(redacted)";

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..MaxValueLength] + "…" : value;

    [GeneratedRegex("token|password|secret|cookie|authorization|code", RegexOptions.IgnoreCase)]
    private static partial Regex Sensitive();

    [GeneratedRegex("([^?&=]*(?:token|password|secret|code|state)[^?&=]*)=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveQuery();

    private sealed class ModuleResults
    {
        private readonly Lock gate = new();
        private readonly LinkedList<ShadowSample> samples = new();

        public long SkippedCount;

        public ConcurrentDictionary<string, RouteCounts> Routes { get; } = new(StringComparer.Ordinal);

        public RouteCounts Route(string route) => Routes.GetOrAdd(route, _ => new RouteCounts());

        public void Keep(ShadowSample sample, int max)
        {
            lock (gate)
            {
                samples.AddFirst(sample);
                while (samples.Count > max)
                {
                    samples.RemoveLast();
                }
            }
        }

        public IReadOnlyList<ShadowSample> Samples()
        {
            lock (gate)
            {
                return [.. samples];
            }
        }
    }

    private sealed class RouteCounts
    {
        private long compared;
        private long mismatched;
        private long failed;

        public long Compared => Interlocked.Read(ref compared);

        public long Mismatched => Interlocked.Read(ref mismatched);

        public long Failed => Interlocked.Read(ref failed);

        public void Add(long compared = 0, long mismatched = 0, long failed = 0)
        {
            Interlocked.Add(ref this.compared, compared);
            Interlocked.Add(ref this.mismatched, mismatched);
            Interlocked.Add(ref this.failed, failed);
        }
    }
}

internal sealed record ShadowReport(
    string Module,
    double Percent,
    long Compared,
    long Mismatched,
    long Failed,
    long Skipped,
    IReadOnlyList<RouteReport> Routes,
    IReadOnlyList<ShadowSample> Samples);

internal sealed record RouteReport(string Route, long Compared, long Mismatched, long Failed);

internal sealed record ShadowSample(DateTimeOffset At, string Route, string Path, IReadOnlyList<Difference> Differences);
