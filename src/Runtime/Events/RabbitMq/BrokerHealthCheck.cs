using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModuleRuntime.Events.RabbitMq;

/// <summary>
/// Readiness with the RabbitMQ transport: Degraded, not Unhealthy, while the broker is unreachable. The process
/// still serves every request (the front door keeps routing to it), and the events it writes wait in the outbox
/// until the broker is back; only their delivery is late.
/// </summary>
internal sealed class BrokerHealthCheck(BrokerConnection broker) : IHealthCheck
{
    public const string Name = "events-broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(broker.IsOpen
            ? HealthCheckResult.Healthy($"Connected to the event broker at {broker.Endpoint}.")
            : HealthCheckResult.Degraded($"The event broker at {broker.Endpoint} is not reachable; events wait in the outbox."));
}
