using System.Collections.Concurrent;
using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Events;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Events;

/// <summary>Which hosted modules handle an event type, and how to run one module's handlers for it.</summary>
public sealed class EventHandlers(ModuleCatalog catalog)
{
    private static readonly MethodInfo RunMethod = typeof(EventHandlers).GetMethod(nameof(RunTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<Type, IReadOnlyList<string>> subscribers = new();
    private readonly ConcurrentDictionary<Type, Func<IServiceProvider, object, Assembly, CancellationToken, Task>> runners = new();

    /// <summary>The hosted modules with at least one handler for the event, in a stable order.</summary>
    public IReadOnlyList<string> SubscribersOf(Type eventType) => subscribers.GetOrAdd(eventType, type =>
    {
        var handler = typeof(INotificationHandler<>).MakeGenericType(type);
        return [.. catalog.Modules
            .Where(m => m.GetType().Assembly.GetTypes().Any(t => t is { IsClass: true, IsAbstract: false } && handler.IsAssignableFrom(t)))
            .Select(m => m.Name)];
    });

    public Task Run(IServiceProvider services, string module, object notification, CancellationToken cancellationToken)
    {
        var assembly = catalog.Modules.Single(m => string.Equals(m.Name, module, StringComparison.OrdinalIgnoreCase)).GetType().Assembly;
        var run = runners.GetOrAdd(notification.GetType(), type =>
            RunMethod.MakeGenericMethod(type).CreateDelegate<Func<IServiceProvider, object, Assembly, CancellationToken, Task>>());
        return run(services, notification, assembly, cancellationToken);
    }

    private static async Task RunTyped<TEvent>(IServiceProvider services, object notification, Assembly module, CancellationToken cancellationToken)
        where TEvent : INotification
    {
        // Only this module's handlers: another module handles the same event through its own inbox.
        foreach (var handler in services.GetServices<INotificationHandler<TEvent>>().Where(h => h.GetType().Assembly == module))
        {
            await handler.Handle((TEvent)notification, cancellationToken);
        }
    }
}
