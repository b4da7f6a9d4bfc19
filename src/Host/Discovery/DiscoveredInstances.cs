using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;
using ModuleRuntime.Composition;
using ModuleRuntime.Routing;

namespace Monolith.Host.Discovery;

/// <summary>
/// Module instances found through Microsoft.Extensions.ServiceDiscovery: each module is the service
/// <c>http://&lt;module&gt;</c> (lower case), resolved again every refresh period, and a change of what it resolves
/// to rebuilds the module's route. With the configuration provider, <c>Services:tweets:http:0</c> lists an instance.
/// </summary>
internal sealed partial class DiscoveredInstances(
    ServiceEndpointResolver resolver, ModuleCatalog catalog, IOptions<DiscoveryOptions> options, ILogger<DiscoveredInstances> logger)
    : BackgroundService, IInstanceSource
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ModuleInstance>> found = new(StringComparer.OrdinalIgnoreCase);

    public event Action<string>? Changed;

    public IReadOnlyList<ModuleInstance> Instances(string module) => found.GetValueOrDefault(module) ?? [];

    /// <summary>The service name a module is resolved by.</summary>
    public static string ServiceName(string module) => $"http://{module.ToLowerInvariant()}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshPeriod);
        do
        {
            foreach (var module in catalog.Modules.Select(m => m.Name))
            {
                await Resolve(module, stoppingToken);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task Resolve(string module, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModuleInstance> now;
        try
        {
            var source = await resolver.GetEndpointsAsync(ServiceName(module), cancellationToken);
            now = [.. source.Endpoints.Select(e => Address(e.EndPoint)).OfType<Uri>().Distinct()
                .Select(a => new ModuleInstance(a, InstanceSources.Discovered))];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A lookup that fails keeps what was found last, as a DNS client keeps its cache.
            LogFailed(logger, module, e.Message);
            return;
        }

        var before = Instances(module);
        if (before.Select(i => i.Address).SequenceEqual(now.Select(i => i.Address)))
        {
            return;
        }

        found[module] = now;
        LogFound(logger, module, string.Join(", ", now.Select(i => i.Address)));
        Changed?.Invoke(module);
    }

    /// <summary>An http base address for what the provider resolved; null for what cannot be one.</summary>
    private static Uri? Address(EndPoint endpoint) => endpoint switch
    {
        UriEndPoint { Uri: { Scheme: "http" or "https" } uri } => new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"),
        IPEndPoint ip => new Uri($"http://{ip}/"),
        DnsEndPoint { Port: > 0 } dns => new Uri($"http://{dns.Host}:{dns.Port}/"),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Service discovery finds {Module} at: {Addresses}")]
    private static partial void LogFound(ILogger logger, string module, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service discovery could not resolve {Module}; keeping what it found before: {Problem}")]
    private static partial void LogFailed(ILogger logger, string module, string problem);
}
