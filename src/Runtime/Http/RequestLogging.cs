using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Http;
using Serilog;
using Serilog.Context;

namespace ModuleRuntime.Http;

/// <summary>
/// One log line per request with method, path, final status and duration, tagged with the module whose
/// endpoint served it and the caller's user id; every log line written while serving it carries both too.
/// </summary>
public static class RequestLogging
{
    /// <summary>Outermost: sees the final status, even of requests that ended in an exception.</summary>
    public static IApplicationBuilder UseModuleRequestLogging(this IApplicationBuilder app) => app
        .Use(async (context, next) =>
        {
            // Filled in by the front door and UseModuleLogContext, read for the request line and the shipped record.
            var owner = new RequestOwner();
            context.Features.Set(owner);
            try
            {
                await next(context);
            }
            finally
            {
                // ASP.NET Core's request duration histogram, per module as well as per route (docs/adr/0041).
                context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("module", owner.Module));
            }
        })
        .UseSerilogRequestLogging(options =>
        {
            // The process's logger, not the static Log.Logger, which is left unset (see LoggingSetup).
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                var owner = context.Features.Get<RequestOwner>();
                diagnostics.Set("Module", owner?.Module ?? RequestOwner.HostModule);
                if (owner?.UserId is { } userId)
                {
                    diagnostics.Set("UserId", userId);
                }
            };
        });

    /// <summary>
    /// After routing and authentication: records which module's endpoint was chosen and who is calling,
    /// and tags the logs written while serving the request with both.
    /// </summary>
    public static IApplicationBuilder UseModuleLogContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var served = context.Features.Get<RequestOwner>() ?? new RequestOwner();
            served.Module = context.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpoint>()?.ModuleName ?? served.Module;
            served.UserId = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;

            using (LogContext.PushProperty("Module", served.Module))
            using (served.UserId is null ? null : LogContext.PushProperty("UserId", served.UserId))
            {
                await next(context);
            }
        });
}
