using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Context;

namespace ModuleKit.Http;

/// <summary>
/// One log line per request with method, path, final status and duration, tagged with the module whose
/// endpoint served it and the caller's user id; every log line written while serving it carries both too.
/// </summary>
public static partial class RequestLogging
{
    /// <summary>Outermost: sees the final status, even of requests that ended in an exception.</summary>
    public static IApplicationBuilder UseModuleRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var served = new RequestOwner();
            context.Features.Set(served);
            try
            {
                await next(context);
            }
            finally
            {
                using (LogContext.PushProperty("Module", served.Module))
                using (served.UserId is null ? null : LogContext.PushProperty("UserId", served.UserId))
                {
                    LogRequest(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
