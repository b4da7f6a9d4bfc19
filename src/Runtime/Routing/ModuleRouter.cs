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

    public ModuleRouter(ModuleCatalog catalog, IConfiguration configuration, ILogger<ModuleRouter> logger)
    {
        this.configuration = configuration;
        this.logger = logger;
        hosted = new HashSet<string>(catalog.Modules.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        // Read straight from configuration on every reload (not through an options monitor, which drops an invalid
        // edit before anyone can say so): a bad edit is logged and the last good routing stays in force.
        ChangeToken.OnChange(configuration.GetReloadToken, Refresh);
    }

    /// <summary>Raised after a module's configuration changed; the front door rebuilds its clusters from it.</summary>
    public event Action? Changed;

    public ModuleRoute Get(string module) => routes.GetOrAdd(module, Build);

    /// <summary>The routes built so far: the modules this process has placed work for.</summary>
    internal IEnumerable<ModuleRoute> Built => routes.Values;

    /// <summary>Modules this process knows of: the ones it hosts and the ones configured under <c>Modules</c>.</summary>
    public IEnumerable<string> KnownModules() =>
        hosted.Concat(configuration.GetSection("Modules").GetChildren().Select(c => c.Key))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    private void Refresh()
    {
        foreach (var module in routes.Keys)
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
        return new ModuleRoute(module, isHosted, settings, [.. addresses.Select(ParseDestination)]);
    }

    internal static Uri ParseDestination(string address) =>
        Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{address}' is not an http(s) base URL such as http://127.0.0.1:5201.");

    [LoggerMessage(Level = LogLevel.Error, Message = "The new configuration of module {RoutedModule} is not valid, so its previous routing stays in force: {Problem}")]
    private static partial void LogInvalid(ILogger logger, string routedModule, string problem);
}
