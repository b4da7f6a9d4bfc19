using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ModuleKit;
using ModuleKit.Http;
using ModuleRuntime.Data;
using ModuleRuntime.Http;
using ModuleRuntime.Mediation;

namespace ModuleRuntime.Composition;

public static class ModuleComposition
{
    /// <summary>Lets each module register its services and health checks, then wires mediation across all of them.</summary>
    public static IHostApplicationBuilder AddModules(this IHostApplicationBuilder builder, IReadOnlyCollection<IModule> modules)
    {
        var data = DataDirectory.For(builder);
        var services = builder.Services;
        services.TryAddSingleton(data);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseIdentities>();
        services.AddSingleton(new ModuleCatalog(modules));

        var health = services.AddHealthChecks();
        foreach (var module in modules)
        {
            var context = new ModuleContext(
                builder.Configuration.GetSection($"Modules:{module.Name}"), builder.Configuration, data, builder.Environment);
            module.AddServices(services, context);
            module.AddHealthChecks(health);
        }

        services.AddModuleDatabaseServices();
        services.AddModuleMediator(modules.Select(m => m.GetType().Assembly));
        return builder;
    }

    /// <summary>Maps each module's endpoints under its prefix, tagged with its name; the last start-up phase.</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Modules)
        {
            // Changes count against the signed-in user's limit unless an endpoint names a policy of its own (docs/adr/0038).
            module.MapEndpoints(app.MapGroup(module.RoutePrefix).WithTags(module.Name).WithMetadata(new ModuleEndpoint(module.Name))
                .RequireRateLimiting(RateLimitPolicies.Writes));
            module.MapRootEndpoints(app.MapGroup(string.Empty).WithTags(module.Name).WithMetadata(new ModuleEndpoint(module.Name))
                .RequireRateLimiting(RateLimitPolicies.Writes));
        }

        return app;
    }
}
