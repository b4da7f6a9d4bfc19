using System.Diagnostics;
using System.Net;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleRuntime.Http;
using ModuleRuntime.Idempotency;
using ModuleRuntime.Problems;
using ModuleRuntime.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// The front door: for a request on a module's public routes, serves it in-process or forwards it with YARP to a
/// healthy extracted instance, as the module's routing says (mode, canary share, <c>X-Module-Route</c>). A request
/// that reached no instance is served in-process when fallback is on, otherwise answered 503; either way no other
/// module is touched. Each request is counted once in <see cref="ModuleTraffic"/>, by how it was answered: by an
/// instance, in-process, or in-process as a fallback.
/// </summary>
internal sealed partial class FrontDoorMiddleware(
    RequestDelegate next,
    ModuleRouteTable table,
    ModuleRouter router,
    ModuleTraffic traffic,
    IHttpForwarder forwarder,
    ILogger<FrontDoorMiddleware> logger)
{
    private static readonly HttpMessageInvoker Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    });

    public async Task InvokeAsync(HttpContext context)
    {
        var module = table.Match(context.Request.Path);
        if (module is null)
        {
            await next(context);
            return;
        }

        if (context.Features.Get<RequestOwner>() is { } owner)
        {
            owner.Module = module;
        }

        var route = router.Get(module);
        if (router.Choose(module, context) == ModuleSide.Remote)
        {
            if (await TryForward(context, route))
            {
                return;
            }

            if (!route.CanFallBack)
            {
                // The one remote error the client sees, however many instances were tried.
                traffic.Record(module, ModuleSide.Remote, failed: true);
                throw new ModuleUnavailableException(
                    $"No instance of the {module} module could take the request, and Modules:{module}:Fallback is off. Other modules are not affected; try again shortly.");
            }

            LogFallback(logger, module, context.Request.Path);
            await ServeLocal(context, route, fallback: true);
            return;
        }

        await ServeLocal(context, route, fallback: false);
    }

    private async Task ServeLocal(HttpContext context, ModuleRoute route, bool fallback)
    {
        var failed = true;
        try
        {
            await route.LocalFaults.ExecuteAsync(async _ => await next(context), context.RequestAborted);
            failed = context.Response.StatusCode >= 500;
        }
        catch (Exception e) when (IsClientError(e))
        {
            // Turned into a 4xx by the exception handler further out: the client's mistake, not the module's failure.
            failed = false;
            throw;
        }
        finally
        {
            traffic.RecordInProcess(route.Name, fallback, failed);
        }
    }

    /// <summary>
    /// True once a response came from an instance (whatever its status), counted as remote; false when no instance
    /// received the request, counted by the caller once it knows whether the in-process copy serves it instead.
    /// </summary>
    private async Task<bool> TryForward(HttpContext context, ModuleRoute route)
    {
        var request = context.Request;
        if (route.CanFallBack || route.Destinations.Count > 1)
        {
            // The body may have to be sent again, to another instance or to the in-process copy.
            request.EnableBuffering();
        }

        for (var attempt = 0; attempt < route.Destinations.Count; attempt++)
        {
            var destination = router.Destinations.Pick(route);
            if (destination is null)
            {
                return false;
            }

            ForwarderError error;
            try
            {
                error = await route.RemoteFaults.ExecuteAsync(
                    async _ => await forwarder.SendAsync(context, destination.ToString().TrimEnd('/'), Client, ForwarderRequestConfig.Empty, ForwardedTransformer.Instance),
                    context.RequestAborted);
            }
            catch (InjectedFaultException) when (!context.Response.HasStarted)
            {
                if (route.CanFallBack)
                {
                    return false;
                }

                // Answered 503 by the exception handler: an error the client sees.
                traffic.Record(route.Name, ModuleSide.Remote, failed: true);
                throw;
            }

            if (error == ForwarderError.None || context.Response.HasStarted || !MaySendAgain(context, error))
            {
                traffic.Record(route.Name, ModuleSide.Remote, failed: error != ForwarderError.None || context.Response.StatusCode >= 500);
                return true;
            }

            // Nothing reached the instance, or it went away before answering a request that is safe to repeat: mark it
            // down, forget the 502 YARP prepared, and try another instance (or the in-process copy). Not counted: the
            // client gets whatever that next attempt answers.
            router.Destinations.ReportFailure(route, destination);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }
        }

        return false;
    }

    private static bool IsClientError(Exception e) =>
        e is FluentValidation.ValidationException or BadHttpRequestException or ProblemException { StatusCode: < 500 };

    /// <summary>
    /// Whether the request can go elsewhere without risk of running twice: it never reached the instance, or the
    /// instance dropped it before answering and either the method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE) or
    /// the request carries an Idempotency-Key, with which the module answers a repeat from what it stored the first
    /// time (docs/adr/0031). A POST without a key that the instance may have stored is answered with YARP's 502.
    /// </summary>
    private static bool MaySendAgain(HttpContext context, ForwarderError error) =>
        NotDelivered(context)
        || (error is ForwarderError.Request or ForwarderError.RequestTimedOut
            && (IsIdempotent(context.Request.Method) || context.Request.Headers.ContainsKey(IdempotencySetup.KeyHeader)));

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    private static bool NotDelivered(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request, Exception: var e }
        && (e as HttpRequestException ?? e?.InnerException as HttpRequestException) is { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No extracted instance of {RoutedModule} took {Path}; served in-process (fallback)")]
    private static partial void LogFallback(ILogger logger, string routedModule, PathString path);
}
