using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Auth;
using ModuleKit.Events;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Composition;
using ModuleRuntime.Events;
using ModuleRuntime.Http;
using ModuleRuntime.Idempotency;
using ModuleRuntime.Logging;
using ModuleRuntime.Problems;
using ModuleRuntime.Remoting;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Hosting;

/// <summary>
/// What every process that hosts modules sets up, the Host and each extracted service alike, so they cannot differ
/// by accident: logging, telemetry, security headers, problem details, request and rate limits, token validation, the modules themselves,
/// their routing, the contract endpoint and the event inbox.
/// </summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, IReadOnlyCollection<IModule> modules)
    {
        var data = DataDirectory.For(builder);
        var services = builder.Services;
        builder.AddModuleLogging();
        builder.AddModuleTelemetry();
        services.AddModuleProblemDetails();
        services.AddRequestLimits(builder.Configuration);
        services.AddModuleRateLimits(builder.Configuration);
        services.AddTokenAuthentication(builder.Configuration, data);
        services.AddDataProtection()
            .SetApplicationName("monolith")
            .PersistKeysToFileSystem(new DirectoryInfo(data.File("keys")));
        services.AddModuleEvents(builder.Configuration);
        services.AddIdempotencyKeys(builder.Configuration);
        builder.AddModules(modules);
        // After the modules: whether this process signs user tokens depends on whether it hosts Users (docs/adr/0037).
        UserTokenValidationKeys.CheckSource(services, builder.Configuration);
        services.AddModuleCredentials(builder.Configuration, data, modules.Select(m => m.Name));
        services.AddModuleRouting(builder.Configuration, modules.Select(m => m.Name));
        // After the modules: the routing stand-ins wrap the handlers the modules registered.
        services.AddModuleRemoting([.. modules.Select(m => m.GetType().Assembly)]);
        return builder;
    }

    /// <summary>The request pipeline; <paramref name="beforeRouting"/> is where the Host puts its front door.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeRouting = null)
    {
        // First: a scrape is neither logged nor routed, and the front door never sees /metrics.
        app.UseMetricsEndpoint();
        app.UseModuleRequestLogging();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before the front door, so a body is refused the same way whichever process would have served it.
        app.UseJsonCharsetCheck();
        beforeRouting?.Invoke(app);
        app.UseRouting();
        app.UseAuthentication();
        // After authentication, so changes can be counted per user; after routing, so each endpoint's policy applies.
        app.UseRateLimiter();
        app.UseModuleLogContext();
        app.UseAuthorization();
        app.UseIdempotencyKeys();
        return app;
    }

    /// <summary>
    /// Start-up, in phases (<see cref="StartupPhases"/>): settings are checked, every module database is migrated, every
    /// module initializer runs, then the health endpoints, the module credentials' public keys, the internal contract
    /// endpoint, the event inbox and every module's own endpoints are mapped.
    /// </summary>
    public static Task RunStartupPhasesAsync(this WebApplication app, CancellationToken cancellationToken = default) =>
        StartupPhases.RunAsync(app, () =>
        {
            app.MapModuleHealthChecks();
            app.MapModuleKeys();
            app.MapContractEndpoint();
            app.MapEventInbox();
            app.MapModules();
        }, cancellationToken);
}
