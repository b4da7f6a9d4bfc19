using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using ModuleKit.Problems;
using ModuleRuntime.Composition;
using ModuleRuntime.Data;
using ModuleRuntime.Discovery;
using ModuleRuntime.Problems;
using ModuleRuntime.Remoting;

namespace Monolith.Host.Registry;

/// <summary>
/// Where extracted instances announce themselves, renew their lease and leave (service tokens only). An instance is
/// admitted only with the service identity of its module and on the module's database; it still takes no work
/// before the front door's readiness probe confirms it (docs/adr/0036).
/// </summary>
internal static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RegistryPaths.Instances, Register).RequireAuthorization(ServiceTokens.Policy).ExcludeFromDescription();
        endpoints.MapPut(RegistryPaths.Leases + "/{id:guid}", Renew).RequireAuthorization(ServiceTokens.Policy).ExcludeFromDescription();
        endpoints.MapDelete(RegistryPaths.Leases + "/{id:guid}", Deregister).RequireAuthorization(ServiceTokens.Policy).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Register(
        InstanceAnnouncement announcement, ClaimsPrincipal caller, ModuleCatalog catalog, DatabaseIdentities identities,
        InstanceRegistry registry, IOptions<RegistryOptions> options)
    {
        var module = catalog.Modules.FirstOrDefault(m => string.Equals(m.Name, announcement.Module, StringComparison.OrdinalIgnoreCase))?.Name
            ?? throw new NotFoundException($"The Host has no module named '{announcement.Module}'.");
        if (!RegistrationIdentity.Speaks(caller, module))
        {
            throw new WrongServiceIdentityException($"The token's service identity ({RegistrationIdentity.Describe(caller)}) is not {module}'s, so it cannot register an instance of {module}.");
        }

        var address = Address(announcement.Address);
        if (!identities.Known)
        {
            throw new ModuleUnavailableException("The Host has not opened its own databases yet, so it cannot check the instance's; try again shortly.");
        }

        if (identities.Of(module) is { } expected && !string.Equals(expected, announcement.DatabaseId, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForeignDatabaseException(
                $"The instance's {module} database is {announcement.DatabaseId}, not the Host's {expected}: it was started on other data (an empty or copied data directory?).");
        }

        var id = registry.Register(module, address, announcement.Version, announcement.DatabaseId);
        var settings = options.Value;
        return Results.Created($"{RegistryPaths.Leases}/{id}", new InstanceLease(id, settings.LeaseDuration, settings.HeartbeatInterval));
    }

    private static IResult Renew(Guid id, InstanceRegistry registry) =>
        registry.Renew(id)
            ? Results.NoContent()
            : throw new UnknownLeaseException($"The registry holds no lease {id} (it lapsed, or the Host restarted): register again.");

    private static IResult Deregister(Guid id, InstanceRegistry registry)
    {
        registry.Deregister(id);
        return Results.NoContent();
    }

    private static Uri Address(string address) =>
        Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? uri
            : throw new ValidationException([new ValidationFailure("address", $"'{address}' is not an http(s) base URL such as http://127.0.0.1:5201.")]);
}
