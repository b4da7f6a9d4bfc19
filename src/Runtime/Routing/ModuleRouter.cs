using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using ModuleKit;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Routing;

/// <summary>
/// Each module's routing as configured under <c>Modules:&lt;Name&gt;</c>: read and checked once, rebuilt on every
/// reload. What the settings mean for a piece of work is <see cref="ModulePlacement"/>'s to decide.
/// </summary>
public sealed partial class ModuleRouter
{
    /// <summary>Where an extracted service sends work for modules it does not host: the Host's front door.</summary>
    public const string FrontDoorKey = "FrontDoor:Url";

    private readonly ConcurrentDictionary<string, ModuleRoute> routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly IConfiguration configuration;
    private readonly HashSet<string> hosted;
    private readonly ILogger<ModuleRouter> logger;
    private readonly IReadOnlyList<IInstanceSource> sources;
    private readonly Lock rebuilding = new();

    public ModuleRouter(ModuleCatalog catalog, IConfiguration configuration, ILogger<ModuleRouter> logger, IEnumerable<IInstanceSource> sources)
    {
        this.configuration = configuration;
        this.logger = logger;
        this.sources = [.. sources];
        hosted = new HashSet<string>(catalog.Modules.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        // Read straight from configuration on every reload (not through an options monitor, which drops an invalid
        // edit before anyone can say so): a bad edit is logged and the last good routing stays in force.
        ChangeToken.OnChange(configuration.GetReloadToken, Refresh);
        foreach (var source in this.sources)
        {
            source.Changed += Refresh;
        }
    }

    /// <summary>
    /// Raised after a module's configuration changed or a source found or lost an instance of it; the front door
    /// rebuilds its clusters from it.
    /// </summary>
    public event Action? Changed;

    public ModuleRoute Get(string module) => routes.GetOrAdd(module, Build);

    /// <summary>The routes built so far: the modules this process has placed work for.</summary>
    internal IEnumerable<ModuleRoute> Built => routes.Values;

    /// <summary>Modules this process knows of: the ones it hosts and the ones configured under <c>Modules</c>.</summary>
    public IEnumerable<string> KnownModules() =>
        hosted.Concat(configuration.GetSection("Modules").GetChildren().Select(c => c.Key))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// The module's instances now, each with where it was found: those configured, then those each source knows of.
    /// An address found in several places is listed once per place.
    /// </summary>
    public IReadOnlyList<ModuleInstance> Instances(string module) =>
    [
        .. Get(module).Options.Destinations.Select(d => new ModuleInstance(ParseDestination(d), InstanceSources.Configured)),
        .. sources.SelectMany(s => s.Instances(module)),
    ];

    private void Refresh() => Rebuild([.. routes.Keys]);

    /// <summary>A source's instances of one module changed: only that module's route is rebuilt.</summary>
    private void Refresh(string module) => Rebuild([module]);

    private void Rebuild(IReadOnlyList<string> modules)
    {
        // One rebuild at a time, so a slower one cannot put back a route older than the one just built.
        lock (rebuilding)
        {
            foreach (var module in modules)
            {
                try
                {
                    routes[module] = Build(module);
                }
                catch (InvalidOperationException e)
                {
                    // A bad edit of a running process's configuration keeps the last good routing instead of failing traffic.
                    LogInvalid(logger, module, e.Message);
                }
            }
        }

        Changed?.Invoke();
    }

    /// <summary>Reads and checks a module's settings; throws with a message naming the setting when they are not valid.</summary>
    private ModuleRoute Build(string module)
    {
        var section = configuration.GetSection($"Modules:{module}");
        var settings = section.Get<ModuleRouteOptions>() ?? new ModuleRouteOptions();
        if (RoutingSetup.Problem(module, settings) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var isHosted = hosted.Contains(module);
        var addresses = settings.Destinations.Count > 0 || isHosted
            ? settings.Destinations
            : [.. new[] { configuration[FrontDoorKey] }.OfType<string>().Where(a => a.Length > 0)];
        // The union of what is configured and what the sources found (docs/adr/0043), each address once.
        IReadOnlyList<Uri> destinations = [.. addresses.Select(ParseDestination).Concat(sources.SelectMany(s => s.Instances(module)).Select(i => i.Address)).Distinct()];
        return new ModuleRoute(module, isHosted, settings, destinations);
    }

    internal static Uri ParseDestination(string address) =>
        Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{address}' is not an http(s) base URL such as http://127.0.0.1:5201.");

    [LoggerMessage(Level = LogLevel.Error, Message = "The new configuration of module {RoutedModule} is not valid, so its previous routing stays in force: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string routedModule, string problem);
}
