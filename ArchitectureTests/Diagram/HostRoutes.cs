extern alias MonolithHost;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModuleRuntime.Http;

namespace ArchitectureTests.Diagram;

/// <summary>
/// The public routes of each module, read from the endpoints of the Host as it composes itself (in memory, on a
/// temporary data directory): the same data source that routes real requests, so no route can be left out.
/// </summary>
internal static class HostRoutes
{
    public static ILookup<string, PublicRoute> Read()
    {
        var data = Directory.CreateTempSubdirectory("module-pages-");
        try
        {
            using var host = new WebApplicationFactory<MonolithHost::Program>().WithWebHostBuilder(builder => builder
                .UseSetting("Data:Directory", data.FullName)
                .UseSetting("Serilog:ConsoleFormat", "none"));
            return host.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Select(e => (module: e.Metadata.GetMetadata<ModuleEndpoint>()?.ModuleName, route: RouteOf(e)))
                .Where(found => found.module is not null)
                .OrderBy(found => found.route.Pattern, StringComparer.Ordinal)
                .ThenBy(found => found.route.Methods, StringComparer.Ordinal)
                .ToLookup(found => found.module!, found => found.route, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            // The module databases stay open in the connection pool after the host is gone.
            SqliteConnection.ClearAllPools();
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the system's temp cleanup takes it.
            }
        }
    }

    private static PublicRoute RouteOf(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return new PublicRoute(methods.Count == 0 ? "any" : string.Join(", ", methods), endpoint.RoutePattern.RawText ?? "");
    }
}
