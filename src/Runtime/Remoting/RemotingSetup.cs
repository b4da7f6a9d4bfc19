using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModuleKit;

namespace ModuleRuntime.Remoting;

public static class RemotingSetup
{
    /// <summary>
    /// Puts every contract request behind the module router: requests of hosted modules get a routing stand-in in
    /// front of their handler, requests of modules this process does not host get a remote handler. Found by
    /// scanning the Contracts assemblies, never listed by hand.
    /// </summary>
    public static IServiceCollection AddModuleRemoting(this IServiceCollection services, IReadOnlyCollection<Assembly> moduleAssemblies)
    {
        var catalog = new ContractCatalog(moduleAssemblies);
        services.TryAddSingleton(catalog);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<ServiceTokens>();
        services.TryAddSingleton<InternalHttp>();
        services.TryAddSingleton<ContractForwarder>();

        var hostedModules = moduleAssemblies.Select(a => a.GetName().Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var contract in catalog.Requests)
        {
            var handler = typeof(IRequestHandler<,>).MakeGenericType(contract.Type, contract.ResponseType);
            if (hostedModules.Contains(contract.Module))
            {
                services.Decorate(handler, typeof(RoutedContractHandler<,>).MakeGenericType(contract.Type, contract.ResponseType));
            }
            else
            {
                services.AddScoped(handler, typeof(RemoteContractHandler<,>).MakeGenericType(contract.Type, contract.ResponseType));
            }
        }

        return services;
    }
}
