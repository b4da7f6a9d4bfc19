using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModuleKit;
using ModuleKit.Problems;
using ModuleKit.Text;
using ModuleRuntime.Composition;
using ModuleRuntime.Problems;

namespace ModuleRuntime.Remoting;

public static class ContractEndpoint
{
    public const string Path = "/internal/contracts/{name}";

    /// <summary>
    /// The internal endpoint other processes send contract requests to: the request is read as its contract type
    /// and sent through this process's mediator, so validation, logging and errors are exactly those of an
    /// in-process call. Only for callers holding a service token issued for the contract's module; not part of the
    /// public API.
    /// </summary>
    public static IEndpointRouteBuilder MapContractEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, Serve).RequireAuthorization(ServiceTokens.Policy).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Serve(string name, HttpContext http, IMediator mediator, ContractCatalog contracts, ModuleCatalog modules)
    {
        if (!contracts.TryGetRequest(name, out var contract)
            || !modules.Modules.Any(m => string.Equals(m.Name, contract.Module, StringComparison.OrdinalIgnoreCase)))
        {
            throw new NotFoundException($"This process serves no contract named '{Cut(name)}'.");
        }

        // A token issued for another module is refused even when this process hosts that module too (docs/adr/0037).
        var caller = ServiceCaller.Require(http.User, ServiceTokens.Of(contract.Module));

        if (int.TryParse(http.Request.Headers[InternalHttp.HopsHeader], out var hops) && hops > InternalHttp.MaxHops)
        {
            throw new ModuleUnavailableException(
                $"The contract call {contract.Name} was passed on {hops} times; check that Modules:{contract.Module}:Destinations does not point back at a caller.");
        }

        object? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, contract.Type, JsonSerializerOptions.Web, http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException($"The body is not a valid {contract.Name}.", StatusCodes.Status400BadRequest, e);
        }

        if (request is null)
        {
            throw new BadHttpRequestException($"The body must be a {contract.Name}, not null.", StatusCodes.Status400BadRequest);
        }

        // The calling module's code sends it here, so a further hop is signed as that module again.
        using var calling = ModuleCall.Enter(caller.Module);
        var response = await contract.Send(mediator, request, http.RequestAborted);
        return Results.Json(response, JsonSerializerOptions.Web);
    }

    private static string Cut(string text) => text.Length <= 128 ? text : UserText.Cut(text, 128) + "…";
}
