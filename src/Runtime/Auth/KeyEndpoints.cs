using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ModuleRuntime.Auth;

public static class KeyEndpoints
{
    /// <summary>
    /// <c>GET /.well-known/module-keys.json</c>: the public keys of the module credentials this process holds, by module
    /// (<c>{"modules":{"Users":{"keys":[…]}}}</c>). The Host hosts every module, so its document is where an extracted
    /// service learns the other modules' keys. Public parts only; not part of the public API.
    /// </summary>
    public static IEndpointRouteBuilder MapModuleKeys(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ServiceTokenOptions.KeysPath, (ModuleCredentials credentials, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Json(new ModuleKeysDocument(credentials.Publishable()), JsonSerializerOptions.Web);
            })
            .ExcludeFromDescription();
        return endpoints;
    }
}
