using ModuleKit;

namespace ModuleRuntime.Routing;

/// <summary>
/// Where a module runs and how calls to it behave, bound from <c>Modules:&lt;Name&gt;</c> and re-read when the
/// configuration file changes, so flipping <see cref="Mode"/> moves traffic without a restart.
/// </summary>
public sealed class ModuleRouteOptions
{
    public ModuleMode Mode { get; set; } = ModuleMode.InProcess;

    /// <summary>Base URLs of the module's extracted instances, such as <c>http://127.0.0.1:5201</c>.</summary>
    public List<string> Destinations { get; set; } = [];

    /// <summary>Share of the module's traffic (0–100) sent to the extracted instances while the module is still in-process.</summary>
    public double CanaryPercent { get; set; }

    /// <summary>
    /// Share of the module's safe requests (0–100; GET and HEAD) that the front door, while serving them in-process,
    /// also sends to an extracted instance to compare the two answers, off the request path.
    /// </summary>
    public double Shadow { get; set; }

    /// <summary>Whether the in-process copy serves the module's traffic when no extracted instance is healthy.</summary>
    public bool Fallback { get; set; } = true;

    public RemoteCallOptions Remote { get; set; } = new();

    public HealthProbeOptions HealthCheck { get; set; } = new();

    public ModuleFaultOptions Faults { get; set; } = new();
}

/// <summary>How a contract call to an extracted instance is bounded and retried.</summary>
public sealed class RemoteCallOptions
{
    /// <summary>The longest one attempt may take before it gets the timeout's problem details (504).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra attempts for queries after a transport failure; commands are never retried.</summary>
    public int QueryRetries { get; set; } = 2;

    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The active health probe of every extracted instance: <c>/health/ready</c> at this interval.</summary>
public sealed class HealthProbeOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an instance that refused a connection is left out before it is tried again.</summary>
    public TimeSpan ReactivationPeriod { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Faults injected on purpose, per side, for resilience tests and demos. Everything is off by default.</summary>
public sealed class ModuleFaultOptions
{
    public FaultOptions Local { get; set; } = new();

    public FaultOptions Remote { get; set; } = new();
}

public sealed class FaultOptions
{
    /// <summary>Latency added to a share (<see cref="LatencyRate"/>, 0–1) of calls.</summary>
    public TimeSpan Latency { get; set; }

    public double LatencyRate { get; set; }

    /// <summary>Share of calls (0–1) that fail with 503 instead of running.</summary>
    public double FailureRate { get; set; }

    public bool IsOff => FailureRate <= 0 && (LatencyRate <= 0 || Latency <= TimeSpan.Zero);
}
