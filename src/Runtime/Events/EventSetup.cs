using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModuleKit;
using ModuleKit.Events;
using ModuleKit.Settings;
using ModuleRuntime.Events.RabbitMq;

namespace ModuleRuntime.Events;

public static class EventSetup
{
    /// <summary>
    /// The inbox, delivery and signalling every process shares, and the transport <c>Events:Transport</c> chooses;
    /// each module's dispatcher comes with its database.
    /// </summary>
    public static IServiceCollection AddModuleEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EventOptions.SectionName);
        services.AddValidatedOptions<EventOptions, EventOptionsValidator>(section);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISaveChangesInterceptor, OutboxSignalInterceptor>());
        services.TryAddSingleton<EventHandlers>();
        services.TryAddSingleton<InboxProcessor>();
        services.TryAddSingleton<EventDelivery>();
        services.TryAddSingleton<EventSignatures>();
        services.TryAddSingleton<HttpOutboxPublisher>();

        services.TryAddSingleton<BrokerTopology>();
        services.TryAddSingleton<BrokerConnection>();
        services.TryAddSingleton<BrokerPublisher>();
        services.TryAddSingleton(provider => new DeadLetters(
            provider.GetRequiredService<BrokerConnection>(), provider.GetRequiredService<BrokerTopology>(), provider.GetRequiredService<IOptions<EventOptions>>()));
        // Each returns at once unless the broker is chosen; the connection first, so it is being made as consumers wait.
        services.AddHostedService(provider => provider.GetRequiredService<BrokerConnection>());
        services.AddHostedService<BrokerConsumer>();
        services.TryAddSingleton<IOutboxPublisher>(provider =>
            provider.GetRequiredService<IOptions<EventOptions>>().Value.Transport == EventTransport.RabbitMq
                ? provider.GetRequiredService<BrokerPublisher>()
                : provider.GetRequiredService<HttpOutboxPublisher>());

        // Read here only to decide whether readiness mentions a broker; the validated options check the value itself.
        if (Enum.TryParse<EventTransport>(section[nameof(EventOptions.Transport)], ignoreCase: true, out var transport)
            && transport == EventTransport.RabbitMq)
        {
            services.AddHealthChecks().AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name, tags: [IModule.ReadyTag]);
        }

        return services;
    }
}
