using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModuleRuntime.Composition;
using ModuleRuntime.Data;
using ModuleRuntime.Remoting;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Discovery;

public static class DiscoverySetup
{
    /// <summary>
    /// An extracted instance registers with the Host's registry at <c>FrontDoor:Url</c> unless <c>Registry:Register</c>
    /// is false (docs/adr/0043).
    /// </summary>
    public static IServiceCollection AddInstanceRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RegistrationOptions.SectionName);
        services.AddOptions<RegistrationOptions>().Bind(settings);
        var frontDoor = configuration[ModuleRouter.FrontDoorKey];
        if (!(settings.Get<RegistrationOptions>() ?? new RegistrationOptions()).Register || string.IsNullOrEmpty(frontDoor))
        {
            return services;
        }

        var registry = ModuleRouter.ParseDestination(frontDoor);
        services.AddSingleton<IHostedService>(provider => new InstanceRegistration(
            registry,
            provider.GetRequiredService<ModuleCatalog>(),
            provider.GetRequiredService<DatabaseIdentities>(),
            provider.GetRequiredService<ServiceTokens>(),
            provider.GetRequiredService<IServer>(),
            provider.GetRequiredService<IOptions<RegistrationOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<InstanceRegistration>>()));
        return services;
    }
}
