using System.Diagnostics;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleRuntime.Http;
using ModuleRuntime.Idempotency;
using ModuleRuntime.Problems;
using ModuleRuntime.Routing;
using Monolith.Host.FrontDoor.Shadow;
using Yarp.ReverseProxy.Forwarder;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// The front door: for a request on a module's public routes, serves it in-process or forwards it with YARP to a
/// healthy extracted instance, as <see cref="ModulePlacement"/> says. A request no instance took is served in-process
/// when the policy allows a fallback, otherwise answered 503; either way no other module is touched.
/// </summary>
internal sealed partial class FrontDoorMiddleware(
    RequestDelegate next,
    ModuleRouteTable table,
    ModulePlacement placement,
    IHttpForwarder forwarder,
    ShadowTraffic shadows,
    ILogger<FrontDoorMiddleware> logger)
{
    private static readonly HttpMessageInvoker Client = new(InstanceConnections.Handler(new ReverseProxyPropagator(DistributedContextPropagator.Current)));

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

        var route = placement.Route(module);
        if (placement.Choose(route, context) == ModuleSide.Remote)
        {
            if (await TryForward(context, route) is not { } miss)
            {
                return;
            }

            if (!ModulePlacement.FallsBack(route, miss.Reached, miss.SafeToRepeat))
            {
                // The one remote error the client sees, however many instances were tried.
                placement.Record(route, ServedBy.Remote, failed: true);
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
        var shadow = fallback ? null : shadows.Begin(route, context);
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
            placement.RecordLocal(route, fallback, failed);
            shadow?.Served();
        }
    }

    /// <summary>
    /// Null once a response came from an instance (whatever its status), counted as remote; otherwise how the last
    /// attempt missed, counted by the caller once it knows whether the in-process copy serves the request instead.
    /// </summary>
    private async Task<Miss?> TryForward(HttpContext context, ModuleRoute route)
    {
        var request = context.Request;
        if (route.CanFallBack || route.Destinations.Count > 1)
        {
            // The body may have to be sent again, to another instance or to the in-process copy.
            request.EnableBuffering();
        }

        var miss = new Miss(Reached: false, SafeToRepeat: SafeToRepeat(request));
        for (var attempt = 0; attempt < route.Destinations.Count; attempt++)
        {
            var destination = placement.Instance(route);
            if (destination is null)
            {
                return miss;
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
                // Injected before sending: nothing reached the instance.
                if (ModulePlacement.FallsBack(route, miss.Reached, miss.SafeToRepeat))
                {
                    return miss;
                }

                // Answered 503 by the exception handler: an error the client sees.
                placement.Record(route, ServedBy.Remote, failed: true);
                throw;
            }

            // Only a request that went wrong before any answer started is a miss; any answer is the instance's own.
            miss = miss with { Reached = miss.Reached || !NotDelivered(context) };
            if (error is not (ForwarderError.Request or ForwarderError.RequestTimedOut) || context.Response.HasStarted
                || !ModulePlacement.MayGoElsewhere(miss.Reached, miss.SafeToRepeat))
            {
                placement.Record(route, ServedBy.Remote, failed: error != ForwarderError.None || context.Response.StatusCode >= 500);
                return null;
            }

            // Nothing reached the instance, or it went away before answering a request that is safe to repeat: mark it
            // down, forget the 502 YARP prepared, and try another instance (or the in-process copy). Not counted: the
            // client gets whatever that next attempt answers.
            placement.Unreachable(route, destination);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }
        }

        return miss;
    }

    private static bool IsClientError(Exception e) =>
        e is FluentValidation.ValidationException or BadHttpRequestException or ProblemException { StatusCode: < 500 };

    /// <summary>
    /// Whether the request may be sent again after an instance dropped it before answering: its method is idempotent
    /// (GET, HEAD, OPTIONS, PUT, DELETE), or it carries an Idempotency-Key, with which the module answers a repeat from
    /// what it stored the first time (docs/adr/0031). A POST without a key the instance may have stored is answered
    /// with YARP's 502 rather than repeated.
    /// </summary>
    private static bool SafeToRepeat(HttpRequest request) =>
        IsIdempotent(request.Method) || request.Headers.ContainsKey(IdempotencySetup.KeyHeader);

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    private static bool NotDelivered(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request, Exception: var e }
        && (e as HttpRequestException ?? e?.InnerException as HttpRequestException) is { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    /// <summary>Why no instance answered: whether the request reached one, and whether it may run twice.</summary>
    private readonly record struct Miss(bool Reached, bool SafeToRepeat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No extracted instance of {RoutedModule} took {Path}; served in-process (fallback)")]
    private static partial void LogFallback(ILogger logger, string routedModule, PathString path);
}
