using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ModuleKit;
using Polly.CircuitBreaker;

namespace ModuleRuntime.Routing;

/// <summary>
/// The product's own instruments, on the meter <see cref="Telemetry.SourceName"/> beside ASP.NET Core's request
/// duration histogram, exported at <c>/metrics</c> (docs/adr/0041): work per module by what answered it (so
/// fallbacks), contract calls, outbox depth and circuit states.
/// </summary>
public sealed class ModuleMetrics
{
    private readonly Counter<long> served;
    private readonly Histogram<double> contracts;
    private readonly ConcurrentDictionary<string, long> outboxes = new(StringComparer.OrdinalIgnoreCase);

    public ModuleMetrics(IMeterFactory meters, ModuleRouter router)
    {
        var meter = meters.Create(Telemetry.SourceName);
        served = meter.CreateCounter<long>(
            "monolith.module.work", "{piece}", "Requests and contract calls per module, by what answered: local, remote or fallback.");
        contracts = meter.CreateHistogram<double>(
            "monolith.contract.duration", "s", "Contract calls as their callers saw them, by contract, owning module and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge(
            "monolith.outbox.depth", () => outboxes.Select(o => new Measurement<long>(o.Value, new KeyValuePair<string, object?>("module", o.Key))),
            "{event}", "Events waiting in each hosted module's outbox, as its dispatcher last counted them.");
        meter.CreateObservableGauge(
            "monolith.circuit.state", () => router.Built.Where(r => r.Mode == ModuleMode.Remote || r.Destinations.Count > 0)
                .Select(r => new Measurement<int>(State(r.Calls.Breaker.CircuitState), new KeyValuePair<string, object?>("module", r.Name))),
            "{state}", "The contract calls' circuit per module: 0 closed, 1 half-open, 2 open, 3 isolated.");
    }

    public void Served(string module, ServedBy servedBy, bool failed) =>
        served.Add(1, new TagList { { "module", module }, { "served_by", servedBy.ToString().ToLowerInvariant() }, { "outcome", failed ? "error" : "ok" } });

    public void ContractCall(string contract, string module, string outcome, TimeSpan elapsed) =>
        contracts.Record(elapsed.TotalSeconds, new TagList { { "contract", contract }, { "module", module }, { "outcome", outcome } });

    public void OutboxDepth(string module, long depth) => outboxes[module] = depth;

    private static int State(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        CircuitState.Open => 2,
        _ => 3,
    };
}
