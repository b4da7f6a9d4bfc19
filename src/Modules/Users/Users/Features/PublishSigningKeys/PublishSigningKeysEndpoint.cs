using ModuleKit.Auth;

namespace Users.Features.PublishSigningKeys;

internal static class PublishSigningKeysEndpoint
{
    /// <summary>
    /// The public keys user access tokens are validated with, as a JWKS (RFC 7517): the current key and the retired
    /// ones still inside a token lifetime. Only a process that hosts Users holds these keys; every other process fetches
    /// them from here (through the front door) and caches them. Public parts only, by construction.
    /// </summary>
    public static IEndpointRouteBuilder MapPublishSigningKeys(this IEndpointRouteBuilder root)
    {
        root.MapGet(TokenOptions.KeysPath, (UserTokenKeys keys, HttpContext http) =>
            {
                // Short: a rotation must reach validators within a few minutes, and an unknown key id fetches again anyway.
                http.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Json(JsonWebKeys.Of(keys.Published), contentType: "application/jwk-set+json");
            })
            .WithName("PublishSigningKeys")
            .WithSummary("The public keys that validate user access tokens (JWKS)")
            .Produces<JsonWebKeys>(StatusCodes.Status200OK, "application/jwk-set+json");
        return root;
    }
}
