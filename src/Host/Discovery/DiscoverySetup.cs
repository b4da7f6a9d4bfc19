using Microsoft.Extensions.Options;
using ModuleRuntime.Routing;
using Monolith.Host.Registry;

namespace Monolith.Host.Discovery;

internal static class DiscoverySetup
{
    /// <summary>
    /// The sources of module instances <c>Discovery:Sources</c> names: the Host's registry (the default), service
    /// discovery over configuration, and DNS SRV, refused at start-up because its package is not in this build
    /// (docs/adr/0043). Each is one more <see cref="IInstanceSource"/> of the router.
    /// </summary>
    public static IServiceCollection AddInstanceDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DiscoveryOptions.SectionName);
        services.AddOptions<DiscoveryOptions>().Bind(section)
            .Validate(o => o.RefreshPeriod > TimeSpan.Zero, "Discovery:RefreshPeriod must be a positive duration.")
            .Validate(o => o.InForce.All(s => s is DiscoveryOptions.Registry or DiscoveryOptions.Configuration or DiscoveryOptions.Dns),
                "Discovery:Sources may name only Registry, Configuration and Dns.")
            .Validate(o => !o.Uses(DiscoveryOptions.Dns),
                "Discovery:Sources names Dns, but DNS SRV lookups need Microsoft.Extensions.ServiceDiscovery.Dns, which this build does not include (docs/adr/0043).")
            .ValidateOnStart();
        var settings = section.Get<DiscoveryOptions>() ?? new DiscoveryOptions();

        if (settings.Uses(DiscoveryOptions.Registry))
        {
            services.AddInstanceRegistry(configuration);
        }

        if (settings.Uses(DiscoveryOptions.Configuration))
        {
            services.AddServiceDiscoveryCore(o => o.RefreshPeriod = settings.RefreshPeriod);
            services.AddConfigurationServiceEndpointProvider();
            services.AddSingleton<DiscoveredInstances>();
            services.AddSingleton<IInstanceSource>(provider => provider.GetRequiredService<DiscoveredInstances>());
            services.AddHostedService(provider => provider.GetRequiredService<DiscoveredInstances>());
        }

        return services;
    }

    /// <summary>The registry's endpoints, where the registry is a source; elsewhere an instance's registration is a 404.</summary>
    public static IEndpointRouteBuilder MapInstanceDiscovery(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<DiscoveryOptions>>().Value.Uses(DiscoveryOptions.Registry))
        {
            endpoints.MapRegistry();
        }

        return endpoints;
    }
}
