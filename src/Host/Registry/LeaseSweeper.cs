using Microsoft.Extensions.Options;

namespace Monolith.Host.Registry;

/// <summary>Drops lapsed leases several times per lease duration, so a dead instance leaves the front door soon after its lease ends.</summary>
internal sealed class LeaseSweeper(InstanceRegistry registry, IOptions<RegistryOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Max(options.Value.LeaseDuration.Ticks / 5, TimeSpan.FromMilliseconds(100).Ticks));
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                registry.DropLapsed();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The Host is stopping.
        }
    }
}
