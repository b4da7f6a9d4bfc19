using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModuleRuntime.Composition;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Tests.Routing;

/// <summary>A module that exists only by name: what the router needs to know a process hosts it.</summary>
internal sealed class NamedModule(string name) : IModule
{
    public string Name => name;

    public string RoutePrefix => "/api/" + name.ToLowerInvariant();

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    public void AddHealthChecks(IHealthChecksBuilder checks)
    {
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// A process's routing as <see cref="RoutingSetup.AddModuleRouting"/> wires it, over in-memory configuration the test
/// can change and reload like an edited file.
/// </summary>
internal sealed class RoutingProcess : IDisposable
{
    private readonly IConfigurationRoot configuration;
    private readonly ServiceProvider services;

    public RoutingProcess(IDictionary<string, string?> settings, params string[] hosted)
        : this(settings, hosted, null)
    {
    }

    /// <param name="more">Further registrations, made after the routing's own, with the same configuration.</param>
    public RoutingProcess(IDictionary<string, string?> settings, IReadOnlyCollection<string> hosted, Action<IServiceCollection, IConfiguration>? more)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new ModuleCatalog(hosted.Select(name => new NamedModule(name))));
        collection.AddModuleRouting(configuration, hosted);
        more?.Invoke(collection, configuration);
        services = collection.BuildServiceProvider();
    }

    public ModuleRouter Router => services.GetRequiredService<ModuleRouter>();

    public ModulePlacement Placement => services.GetRequiredService<ModulePlacement>();

    /// <summary>The side the placement policy picks for one piece of the module's work.</summary>
    public ModuleSide Choose(string module, HttpContext? http = null) => Placement.Choose(Router.Get(module), http);

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Changes settings and reloads, as saving the routes file would.</summary>
    public void Reload(IDictionary<string, string?> changes)
    {
        var memory = configuration.Providers.OfType<MemoryConfigurationProvider>().Single();
        foreach (var (key, value) in changes)
        {
            memory.Set(key, value);
        }

        configuration.Reload();
    }

    public void Dispose() => services.Dispose();
}
