using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModuleKit;

/// <summary>
/// The one public entry point of a module. A host finds every implementation by scanning,
/// lets it register its services, maps its endpoints under <see cref="RoutePrefix"/> and
/// adds its health checks. Everything else in a module stays internal.
/// </summary>
public interface IModule
{
    /// <summary>The tag of the health checks that must pass before a module serves traffic (<c>/health/ready</c>).</summary>
    const string ReadyTag = "ready";

    /// <summary>The module's name, as used in configuration (<c>Modules:&lt;Name&gt;</c>), logs and file names.</summary>
    string Name { get; }

    /// <summary>The public HTTP prefix the module's endpoints live under, for example <c>/api/users</c>.</summary>
    string RoutePrefix { get; }

    /// <summary>Registers the module's own services: its database, options and anything its handlers need.</summary>
    void AddServices(IServiceCollection services, ModuleContext context);

    /// <summary>Maps the module's endpoints onto a group already rooted at <see cref="RoutePrefix"/>.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>
    /// Maps endpoints that must live outside <see cref="RoutePrefix"/>, such as a URL existing clients already call.
    /// They are tagged with the module like the others, so logs and routing treat them as the module's.
    /// </summary>
    void MapRootEndpoints(IEndpointRouteBuilder root)
    {
    }

    /// <summary>Adds the checks that must pass before the module can serve traffic (tagged <c>ready</c>).</summary>
    void AddHealthChecks(IHealthChecksBuilder checks);
}
