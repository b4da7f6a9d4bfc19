using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModuleKit;
using ModuleKit.Events;

namespace ModuleRuntime.Events;

public static class EventSetup
{
    /// <summary>The inbox, delivery and signalling every process shares; each module's dispatcher comes with its database.</summary>
    public static IServiceCollection AddModuleEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>()
            .Bind(configuration.GetSection(EventOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Events:PollInterval must be a positive duration such as 00:00:00.5.")
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(1), "Events:LeaseDuration must be at least one second.")
            .Validate(o => o.MaxRetryDelay > TimeSpan.Zero, "Events:MaxRetryDelay must be a positive duration.")
            .ValidateOnStart();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, OutboxSignalInterceptor>());
        services.TryAddSingleton<EventHandlers>();
        services.TryAddSingleton<InboxProcessor>();
        services.TryAddSingleton<EventDelivery>();
        return services;
    }
}
