using System.Diagnostics;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModuleKit;
using ModuleKit.Auth;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Problems;
using ModuleRuntime.Routing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Serves a contract request where <see cref="ModulePlacement"/> says: through the module's own handler in this
/// process, or over HTTP to an extracted instance through the module's Polly pipeline, falling back to the handler
/// here when the policy allows. Either way the caller gets the typed result or the same problem details, so calling
/// modules never know where the module runs.
/// </summary>
public sealed partial class ContractForwarder(
    ContractCatalog catalog,
    ModulePlacement placement,
    ServiceTokens tokens,
    ModuleCredentials credentials,
    InternalHttp http,
    IHttpContextAccessor accessor,
    ModuleMetrics metrics,
    ILogger<ContractForwarder> logger)
{
    public async Task<TResponse> Handle<TRequest, TResponse>(TRequest request, IRequestHandler<TRequest, TResponse>? local, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse>
    {
        var contract = catalog.Request(typeof(TRequest));
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await Place(contract, request, local, cancellationToken);
            outcome = "ok";
            return response;
        }
        catch (ProblemException e) when (e.StatusCode < 500)
        {
            // The module answered, and said no (not found, invalid): not a failure of the call.
            outcome = "rejected";
            throw;
        }
        finally
        {
            metrics.ContractCall(contract.Name, contract.Module, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<TResponse> Place<TRequest, TResponse>(
        RequestContract contract, TRequest request, IRequestHandler<TRequest, TResponse>? local, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse>
    {
        var route = placement.Route(contract.Module);
        if (local is not null && placement.Choose(route) == ModuleSide.Local)
        {
            return await RunLocal(route, request, local, fallback: false, cancellationToken);
        }

        try
        {
            var response = await SendRemote<TResponse>(route, contract, request!, cancellationToken);
            placement.Record(route, ServedBy.Remote, failed: false);
            return response;
        }
        catch (Exception e) when (local is not null && Reached(e) is { } reached
            && ModulePlacement.FallsBack(route, reached, safeToRepeat: contract.IsQuery) && !cancellationToken.IsCancellationRequested)
        {
            // Not a remote error: the caller gets the in-process answer, counted as a fallback.
            LogFallback(logger, contract.Name, route.Name, e.Message);
            return await RunLocal(route, request, local, fallback: true, cancellationToken);
        }
        catch (Exception e) when (e is not ProblemException && !cancellationToken.IsCancellationRequested)
        {
            placement.Record(route, ServedBy.Remote, failed: true);
            throw Translate(route, e);
        }
        catch (ProblemException e)
        {
            placement.Record(route, ServedBy.Remote, failed: e.StatusCode >= 500);
            throw;
        }
    }

    private async Task<TResponse> RunLocal<TRequest, TResponse>(
        ModuleRoute route, TRequest request, IRequestHandler<TRequest, TResponse> local, bool fallback, CancellationToken cancellationToken)
        where TRequest : IRequest<TResponse>
    {
        var failed = true;
        try
        {
            var response = await route.LocalFaults.ExecuteAsync(async token => await local.Handle(request, token), cancellationToken);
            failed = false;
            return response;
        }
        catch (InjectedFaultException e)
        {
            throw new ModuleUnavailableException(e.Message);
        }
        catch (ProblemException e) when (e.StatusCode < 500)
        {
            failed = false;
            throw;
        }
        finally
        {
            placement.RecordLocal(route, fallback, failed);
        }
    }

    private async Task<TResponse> SendRemote<TResponse>(ModuleRoute route, RequestContract contract, object request, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext;
        // The user being served: from a public request's access token, or as the calling process's service token named it.
        var userId = context is null ? null : ServiceCaller.UserOf(context.User);
        var hops = int.TryParse(context?.Request.Headers[InternalHttp.HopsHeader], out var h) ? h : 0;
        // Signed as the module making the call, for the module called and no other (docs/adr/0037).
        var caller = ModuleCall.CallerOf(contract.Module, context, credentials.Holds, credentials.Held)
            ?? throw new InvalidOperationException($"No module is making this call to {contract.Name}, and this process holds no credential to make it with.");
        var bearer = tokens.For(caller, ServiceTokens.Of(contract.Module), userId);
        var pipeline = contract.IsQuery ? route.Calls.Query : route.Calls.Command;
        return await pipeline.ExecuteAsync(async token =>
        {
            var destination = placement.Instance(route) ?? throw new RemoteTransportException(route.Destinations.Count == 0
                ? $"No address is configured for the {route.Name} module: set {ModuleRouter.FrontDoorKey} or Modules:{route.Name}:Destinations."
                : $"No healthy instance of the {route.Name} module is available.") { NotDelivered = true };
            try
            {
                return await route.RemoteFaults.ExecuteAsync(
                    async t => (await http.PostAsync<TResponse>(destination, $"internal/contracts/{contract.Name}", request, contract.Type, bearer, hops, t))!,
                    token);
            }
            catch (RemoteTransportException e) when (e.NotDelivered)
            {
                placement.Unreachable(route, destination);
                throw;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Whether the failed call reached the instance, as the placement's fallback rule needs to know: not when nothing
    /// was sent (no connection, the circuit is open, a fault was injected before sending); perhaps when it timed out
    /// or failed on the instance. Null for an answer the instance gave (a 4xx, a further hop's problem), which is
    /// passed on as it is.
    /// </summary>
    private static bool? Reached(Exception e) => e switch
    {
        RemoteTransportException transport => !transport.NotDelivered,
        BrokenCircuitException or InjectedFaultException => false,
        TimeoutRejectedException => true,
        _ => null,
    };

    private static ProblemException Translate(ModuleRoute route, Exception e) => e switch
    {
        TimeoutRejectedException => new ModuleTimeoutException(
            $"The {route.Name} module did not answer within {route.Options.Remote.Timeout.TotalSeconds:0.###} s (Modules:{route.Name}:Remote:Timeout)."),
        BrokenCircuitException => new ModuleUnavailableException(
            $"Calls to the {route.Name} module are paused after repeated failures; they resume within {route.Options.Remote.BreakDuration.TotalSeconds:0.###} s."),
        InjectedFaultException injected => new ModuleUnavailableException(injected.Message),
        _ => new ModuleUnavailableException($"The {route.Name} module is unavailable: {e.Message}"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract {Contract} served in-process: the extracted {RoutedModule} module failed ({Reason})")]
    private static partial void LogFallback(ILogger logger, string contract, string routedModule, string reason);
}
