using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using ModuleKit;

namespace ModuleRuntime.Routing;

public static class RoutingSetup
{
    /// <summary>
    /// Registers the placement policy and the module router it reads, which reads <c>Modules:&lt;Name&gt;</c> for every
    /// module this process hosts or is configured to call: checked at start-up (a bad setting stops the process with
    /// its name) and re-read on every configuration reload.
    /// </summary>
    public static IServiceCollection AddModuleRouting(this IServiceCollection services, IConfiguration configuration, IEnumerable<string> hostedModules)
    {
        services.AddSingleton<IModuleInitializer>(provider => new RoutingCheck(
            provider.GetRequiredService<ModuleRouter>(), hostedModules.ToList()));
        services.TryAddSingleton<IModuleDestinations, PassiveDestinations>();
        services.TryAddSingleton<ModuleRouter>();
        services.TryAddSingleton<ModuleTraffic>();
        services.TryAddSingleton<ModulePlacement>();
        return services;
    }

    /// <summary>What is wrong with a module's routing settings, in words that name the setting; null when nothing is.</summary>
    public static string? Problem(string module, ModuleRouteOptions options)
    {
        foreach (var address in options.Destinations)
        {
            try
            {
                ModuleRouter.ParseDestination(address);
            }
            catch (InvalidOperationException e)
            {
                return $"Modules:{module}:Destinations: {e.Message}";
            }
        }

        return options switch
        {
            { Mode: ModuleMode.Remote, Destinations.Count: 0 } =>
                $"Modules:{module}:Mode is Remote but Modules:{module}:Destinations lists no instance to send its traffic to.",
            { CanaryPercent: < 0 or > 100 } => $"Modules:{module}:CanaryPercent must be between 0 and 100.",
            { Remote.Timeout: var t } when t <= TimeSpan.Zero => $"Modules:{module}:Remote:Timeout must be a positive duration such as 00:00:05.",
            { Remote.QueryRetries: < 0 or > 10 } => $"Modules:{module}:Remote:QueryRetries must be between 0 and 10.",
            { HealthCheck.Interval: var i } when i <= TimeSpan.Zero => $"Modules:{module}:HealthCheck:Interval must be a positive duration.",
            _ when BadRate(options.Faults.Local) || BadRate(options.Faults.Remote) =>
                $"Modules:{module}:Faults rates (LatencyRate, FailureRate) must be between 0 and 1.",
            _ => null,
        };
    }

    private static bool BadRate(FaultOptions faults) =>
        faults.LatencyRate is < 0 or > 1 || faults.FailureRate is < 0 or > 1;

    /// <summary>Reads every module's routing once at start-up, so a bad setting stops the process with a clear message.</summary>
    private sealed class RoutingCheck(ModuleRouter router, IReadOnlyList<string> hosted) : IModuleInitializer
    {
        public Task InitializeAsync(CancellationToken cancellationToken)
        {
            foreach (var module in router.KnownModules().Concat(hosted))
            {
                _ = router.Get(module);
            }

            return Task.CompletedTask;
        }
    }
}
