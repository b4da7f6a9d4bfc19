using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModuleKit.Events;

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
        OutboxSignal.In(services);
        services.TryAddSingleton<EventHandlers>();
        services.TryAddSingleton<InboxProcessor>();
        services.TryAddSingleton<EventDelivery>();
        return services;
    }
}
