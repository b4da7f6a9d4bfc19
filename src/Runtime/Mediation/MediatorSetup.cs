using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Mediation;

namespace ModuleRuntime.Mediation;

public static class MediatorSetup
{
    /// <summary>
    /// Wires MediatR 5.1.0 by hand (it predates MediatR's own DI package) and registers, by scanning the
    /// given module assemblies, every request handler, notification handler and validator, internal ones included.
    /// </summary>
    public static IServiceCollection AddModuleMediator(this IServiceCollection services, IEnumerable<Assembly> moduleAssemblies)
    {
        var assemblies = moduleAssemblies.Distinct().ToArray();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ModuleLogContextBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        services.Scan(scan => scan
            .FromAssemblies(assemblies)
            .AddClasses(classes => classes.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .As(type => ClosedInterfaces(type, typeof(IRequestHandler<,>), typeof(INotificationHandler<>)))
            .WithScopedLifetime());
        services.AddValidatorsFromAssemblies(assemblies, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }

    private static IEnumerable<Type> ClosedInterfaces(Type type, params Type[] openGenerics) =>
        type.GetInterfaces().Where(i => i.IsGenericType && openGenerics.Contains(i.GetGenericTypeDefinition()));
}
