using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using ModuleKit;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Routing;

/// <summary>
/// Decides, for each piece of a module's work (an HTTP request, a contract call, an event), whether this process
/// serves it or an extracted instance does. The one place mode, canary share, the forcing header and fallback
/// are read, so public routes, contract calls and events always move together.
/// </summary>
public sealed partial class ModuleRouter
{
    /// <summary>A request header that forces one side for testing: <c>local</c> or <c>remote</c>.</summary>
    public const string ForceHeader = "X-Module-Route";

    /// <summary>Where an extracted service sends work for modules it does not host: the Host's front door.</summary>
    public const string FrontDoorKey = "FrontDoor:Url";

    private readonly ConcurrentDictionary<string, ModuleRoute> routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly IConfiguration configuration;
    private readonly HashSet<string> hosted;
    private readonly ILogger<ModuleRouter> logger;

    public ModuleRouter(
        ModuleCatalog catalog,
        IConfiguration configuration,
        IModuleDestinations destinations,
        ILogger<ModuleRouter> logger)
    {
        this.configuration = configuration;
        this.logger = logger;
        Destinations = destinations;
        hosted = new HashSet<string>(catalog.Modules.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        // Read straight from configuration on every reload (not through an options monitor, which drops an invalid
        // edit before anyone can say so): a bad edit is logged and the last good routing stays in force.
        ChangeToken.OnChange(configuration.GetReloadToken, Refresh);
    }

    /// <summary>Raised after a module's configuration changed; the front door rebuilds its clusters from it.</summary>
    public event Action? Changed;

    public IModuleDestinations Destinations { get; }

    public ModuleRoute Get(string module) => routes.GetOrAdd(module, Build);

    /// <summary>The side that serves this piece of work, before health is considered.</summary>
    public ModuleSide Choose(string module, HttpContext? http = null)
    {
        var route = Get(module);
        if (!route.Hosted)
        {
            return ModuleSide.Remote;
        }

        var forced = http?.Request.Headers[ForceHeader].ToString();
        if (string.Equals(forced, "local", StringComparison.OrdinalIgnoreCase))
        {
            return ModuleSide.Local;
        }

        if (route.Destinations.Count == 0)
        {
            return ModuleSide.Local;
        }

        if (string.Equals(forced, "remote", StringComparison.OrdinalIgnoreCase) || route.Mode == ModuleMode.Remote)
        {
            return ModuleSide.Remote;
        }

        return route.Options.CanaryPercent > 0 && Random.Shared.NextDouble() * 100 < route.Options.CanaryPercent
            ? ModuleSide.Remote
            : ModuleSide.Local;
    }

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
