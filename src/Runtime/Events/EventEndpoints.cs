using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModuleKit;
using ModuleKit.Events;
using ModuleKit.Problems;
using ModuleKit.Text;
using ModuleRuntime.Composition;
using ModuleRuntime.Problems;
using ModuleRuntime.Remoting;

namespace ModuleRuntime.Events;

public static class EventEndpoints
{
    /// <summary>
    /// The event inbox other processes deliver to: <c>/internal/events/{module}</c> hands an event to one hosted
    /// module, <c>/internal/events</c> to every module here that handles it (how an extracted service's events reach
    /// the front door). Service tokens only, issued for that module (for <see cref="ServiceTokens.EventsAudience"/> on the
    /// fan-out), by the module that owns the event's type; 204 once handled or found already handled.
    /// </summary>
    public static IEndpointRouteBuilder MapEventInbox(this IEndpointRouteBuilder endpoints)
    {
        var inbox = endpoints.MapGroup("/" + EventDelivery.FanOutPath).RequireAuthorization(ServiceTokens.Policy).ExcludeFromDescription();
        inbox.MapPost("/", async (EventEnvelope envelope, EventDelivery delivery, ContractCatalog contracts, HttpContext http) =>
        {
            EventOwnership.Require(contracts, envelope, ServiceCaller.Require(http.User, ServiceTokens.EventsAudience).Module);
            await delivery.Deliver(envelope, passToFrontDoor: false, http.RequestAborted);
            return Results.NoContent();
        });
        inbox.MapPost("/{module}", async (string module, EventEnvelope envelope, InboxProcessor processor, ModuleCatalog modules, ContractCatalog contracts, HttpContext http) =>
        {
            if (modules.Modules.FirstOrDefault(m => string.Equals(m.Name, module, StringComparison.OrdinalIgnoreCase)) is not { } hosted)
            {
                throw new NotFoundException($"This process does not host a module named '{UserText.Cut(module, 64)}'.");
            }

            EventOwnership.Require(contracts, envelope, ServiceCaller.Require(http.User, ServiceTokens.Of(hosted.Name)).Module);

            await processor.Handle(module, envelope, http.RequestAborted);
            return Results.NoContent();
        });
        return endpoints;
    }
}
