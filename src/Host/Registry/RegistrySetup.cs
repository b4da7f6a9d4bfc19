using ModuleRuntime.Routing;

namespace Monolith.Host.Registry;

internal static class RegistrySetup
{
    /// <summary>The instance registry: leases in the Host's memory, swept for lapsed ones, read by the router as one more source of instances.</summary>
    public static IServiceCollection AddInstanceRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.SectionName))
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.LeaseDuration > o.HeartbeatInterval,
                "Registry:HeartbeatInterval must be positive and shorter than Registry:LeaseDuration.")
            .ValidateOnStart();
        services.AddSingleton<InstanceRegistry>();
        services.AddSingleton<IInstanceSource>(provider => provider.GetRequiredService<InstanceRegistry>());
        services.AddHostedService<LeaseSweeper>();
        return services;
    }
}
