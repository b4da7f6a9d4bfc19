using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using ModuleKit;
using ModuleRuntime.Data;

namespace ModuleRuntime.Composition;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every check tagged ready passes
    /// (each module's database); the body lists each check so an operator sees which one failed, and under
    /// <c>databases</c> each hosted module's database id, which the Host's front door compares with its own
    /// (docs/adr/0036): <c>{"status", "durationMs", "checks": [...], "databases": [{"module", "databaseId"}]}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapModuleHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, report) => WriteReport(context, report, []),
        });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(IModule.ReadyTag),
            ResponseWriter = (context, report) => WriteReport(
                context, report, context.RequestServices.GetRequiredService<DatabaseIdentities>().All),
        });
        return endpoints;
    }

    private static Task WriteReport(HttpContext context, HealthReport report, IReadOnlyList<DatabaseIdentity> databases)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
            databases = databases.Select(d => new { module = d.Module, databaseId = d.DatabaseId }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
