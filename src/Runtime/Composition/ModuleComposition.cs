using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ModuleKit;
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

    /// <summary>
    /// Start-up in two phases: every module database is migrated first, then every other initializer runs (so none
    /// depends on registration order to find its tables); then each module's endpoints are mapped under its prefix.
    /// </summary>
    public static async Task MapModulesAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await ModuleDatabases.MigrateAllAsync(app.Services, cancellationToken);
        foreach (var initializer in app.Services.GetServices<IModuleInitializer>())
        {
            await initializer.InitializeAsync(cancellationToken);
        }

        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Modules)
        {
            module.MapEndpoints(app.MapGroup(module.RoutePrefix).WithTags(module.Name).WithMetadata(new ModuleEndpoint(module.Name)));
            module.MapRootEndpoints(app.MapGroup(string.Empty).WithTags(module.Name).WithMetadata(new ModuleEndpoint(module.Name)));
        }
    }
}
