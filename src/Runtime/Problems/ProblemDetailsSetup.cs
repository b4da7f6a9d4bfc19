using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleKit.Problems;

namespace ModuleRuntime.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error response becomes RFC 7807 problem details carrying a <c>traceId</c> that matches the logs:
    /// exceptions through <see cref="ProblemExceptionHandler"/>, bodiless 4xx/5xx through status-code pages.
    /// </summary>
    public static IServiceCollection AddModuleProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            StatusProblems.Describe(problem);
            problem.Extensions["traceId"] = TraceId(context.HttpContext);
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures (malformed JSON, wrong content type, oversized bodies) are thrown rather than
        // answered with an empty 400, so they get the same problem body as every other error.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The id that ties a response to its log lines and trace.</summary>
    public static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
