using System.Collections.Concurrent;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Why each extracted instance was last found unfit by its readiness probe (null: fit), for the module map, logged
/// when the verdict changes rather than at every probe.
/// </summary>
internal sealed partial class InstanceVerdicts(ILogger<InstanceVerdicts> logger)
{
    private readonly ConcurrentDictionary<(string Module, string Address), Verdict> verdicts = new();

    /// <summary>The reason the last probe of the instance found it unfit; null when it passed or was not probed yet.</summary>
    public string? Reason(string module, string address) =>
        verdicts.TryGetValue((module, address), out var verdict) ? verdict.Reason : null;

    /// <summary>The module database id the instance's last readiness probe reported; null when none was read.</summary>
    public string? DatabaseId(string module, string address) =>
        verdicts.TryGetValue((module, address), out var verdict) ? verdict.DatabaseId : null;

    public void Record(string module, string address, string? reason, string? databaseId)
    {
        var next = new Verdict(reason, databaseId);
        var previous = verdicts.TryGetValue((module, address), out var known) ? known : null;
        verdicts[(module, address)] = next;
        if (previous == next)
        {
            return;
        }

        if (reason is not null)
        {
            LogUnfit(logger, address, module, reason);
        }
        else
        {
            LogConfirmed(logger, address, module, databaseId ?? "(none)");
        }
    }

    private sealed record Verdict(string? Reason, string? DatabaseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Address} of {Module} gets no work: {Reason}")]
    private static partial void LogUnfit(ILogger logger, string address, string module, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Address} of {Module} is ready on the module's database {DatabaseId}")]
    private static partial void LogConfirmed(ILogger logger, string address, string module, string databaseId);
}
