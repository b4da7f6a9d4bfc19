using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModuleKit;
using ModuleKit.Events;
using ModuleKit.Settings;

namespace ModuleRuntime.Events;

public static class EventSetup
{
    /// <summary>The inbox, delivery and signalling every process shares; each module's dispatcher comes with its database.</summary>
    public static IServiceCollection AddModuleEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventOptions, EventOptionsValidator>(configuration.GetSection(EventOptions.SectionName));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, OutboxSignalInterceptor>());
        services.TryAddSingleton<EventHandlers>();
        services.TryAddSingleton<InboxProcessor>();
        services.TryAddSingleton<EventDelivery>();
        return services;
    }
}
