using ModuleKit;
using Polly;
using Polly.Simmy;

namespace ModuleRuntime.Routing;

/// <summary>
/// Fault injection by configuration (<c>Modules:&lt;Name&gt;:Faults:Local|Remote</c>): Polly's chaos strategies add
/// latency to, or fail, a share of the module's calls on one side. An empty pipeline when nothing is configured.
/// </summary>
internal static class ModuleFaults
{
    public static ResiliencePipeline Build(string module, ModuleSide side, FaultOptions options)
    {
        if (options.IsOff)
        {
            return ResiliencePipeline.Empty;
        }

        var builder = new ResiliencePipelineBuilder();
        if (options.LatencyRate > 0 && options.Latency > TimeSpan.Zero)
        {
            builder.AddChaosLatency(Math.Clamp(options.LatencyRate, 0, 1), options.Latency);
        }

        if (options.FailureRate > 0)
        {
            builder.AddChaosFault(Math.Clamp(options.FailureRate, 0, 1), () => new InjectedFaultException(module, side));
        }

        return builder.Build();
    }
}

/// <summary>A failure injected on purpose by <c>Modules:&lt;Name&gt;:Faults</c>; answered with 503 problem details.</summary>
public sealed class InjectedFaultException(string module, ModuleSide side)
    : Exception($"A fault was injected into the {module} module ({side.ToString().ToLowerInvariant()} side) by Modules:{module}:Faults.")
{
    public string Module { get; } = module;

    public ModuleSide Side { get; } = side;
}
