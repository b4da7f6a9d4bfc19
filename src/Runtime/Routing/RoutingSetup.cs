using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using ModuleKit;
using ModuleKit.Settings;

namespace ModuleRuntime.Routing;

public static class RoutingSetup
{
    private static readonly ModuleRouteRules Rules = new();

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
        // The meter factory a web host adds anyway; registered here too for containers built without one.
        services.AddMetrics();
        services.TryAddSingleton<ModuleMetrics>();
        services.TryAddSingleton<ModulePlacement>();
        return services;
    }

    /// <summary>
    /// Everything wrong with a module's routing settings, each problem naming its setting, in one message; null when
    /// nothing is. The router reads its settings itself, for every module configured, so it checks them here with the
    /// same rules and message shape as <c>AddValidatedOptions</c>.
    /// </summary>
    public static string? Problem(string module, ModuleRouteOptions options) =>
        Rules.Problems(options, $"Modules:{module}") is { Count: > 0 } problems ? string.Join("; ", problems) : null;

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
