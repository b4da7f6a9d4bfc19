using ModuleRuntime.Routing;
using Monolith.Host.Discovery;
using Monolith.Host.FrontDoor.Shadow;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Monolith.Host.FrontDoor;

internal static class FrontDoorSetup
{
    /// <summary>Where module routing can be changed while the Host runs: a JSON file re-read on every save.</summary>
    public const string RoutesFileKey = "FrontDoor:RoutesFile";

    /// <summary>
    /// YARP inside the Host: clusters of extracted instances with health checks, the forwarder, and the module
    /// routes file (<c>modules.json</c> beside the Host by default), reloaded on change.
    /// </summary>
    public static WebApplicationBuilder AddFrontDoor(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddJsonFile(builder.Configuration[RoutesFileKey] ?? "modules.json", optional: true, reloadOnChange: true);
        builder.Services.AddReverseProxy();
        // An instance takes work only once a probe has found it ready on the module's own database (docs/adr/0036).
        builder.Services.AddSingleton<InstanceVerdicts>();
        builder.Services.AddSingleton<IActiveHealthCheckPolicy, DatabaseIdentityCheck>();
        builder.Services.AddSingleton<IAvailableDestinationsPolicy, ConfirmedDestinations>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ProbeClients>();
        builder.Services.AddSingleton<IProxyConfigProvider, ModuleClusters>();
        builder.Services.AddSingleton<IModuleDestinations, YarpDestinations>();
        builder.Services.AddSingleton<ModuleRouteTable>();
        // Shadow comparison (docs/adr/0044): the request path only copies and queues; the runner asks and compares.
        builder.Services.AddOptions<ShadowOptions>().BindConfiguration(ShadowOptions.Section);
        builder.Services.AddSingleton<ShadowResults>();
        builder.Services.AddSingleton<ShadowTraffic>();
        builder.Services.AddHostedService<ShadowRunner>();
        builder.Services.AddSingleton<InstanceDetails>();
        // Instances that announce themselves, or that service discovery finds, join their module's destinations (docs/adr/0043).
        builder.Services.AddInstanceDiscovery(builder.Configuration);
        return builder;
    }

    public static WebApplication UseFrontDoor(this WebApplication app)
    {
        app.UseMiddleware<FrontDoorMiddleware>();
        return app;
    }

    public static WebApplication MapFrontDoor(this WebApplication app)
    {
        // No routes of its own: mapping starts YARP's configuration and health checks for the module clusters.
        app.MapReverseProxy();
        app.MapOpsEndpoints();
        app.MapInstanceDiscovery();
        return app;
    }
}
