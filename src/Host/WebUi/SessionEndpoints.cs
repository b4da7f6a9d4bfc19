using System.Globalization;
using System.Security.Claims;
using ModuleKit.Auth;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Problems;

namespace Monolith.Host.WebUi;

/// <summary>
/// The web UI's session: the access token from <c>/api/users/login</c> kept in an HttpOnly cookie, so page
/// scripts never store it and a reload stays signed in. Token validation reads the cookie (docs/adr/0020).
/// </summary>
internal static class SessionEndpoints
{
    public const string Path = "/ui/session";

    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup(Path).WithTags("Web UI");

        session.MapPost("/", (HttpContext http, ClaimsPrincipal user) =>
            {
                // Only a token the caller just presented in the header is stored, never the cookie's own one again.
                var header = http.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnauthorizedException("Send the access token from /api/users/login as 'Authorization: Bearer <token>'.");
                }

                var view = SessionView.Of(user);
                http.Response.Cookies.Append(TokenAuthentication.SessionCookie, header["Bearer ".Length..].Trim(), CookieOptions(http, view.ExpiresAt));
                return Results.Ok(view);
            })
            .RequireAuthorization()
            .WithName("StartUiSession")
            .WithSummary("Keep the presented bearer token in the web UI's HttpOnly session cookie")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        session.MapGet("/", (ClaimsPrincipal user) => Results.Ok(SessionView.Of(user)))
            .RequireAuthorization()
            .WithName("GetUiSession")
            .WithSummary("Who the session (cookie or header) belongs to, with their roles")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        session.MapDelete("/", (HttpContext http) =>
            {
                http.Response.Cookies.Delete(TokenAuthentication.SessionCookie, CookieOptions(http, expires: null));
                return Results.NoContent();
            })
            .WithName("EndUiSession")
            .WithSummary("Forget the web UI's session cookie (log out)")
            .Produces(StatusCodes.Status204NoContent);
        return endpoints;
    }

    // Strict: the browser sends the cookie only on requests a page of this site starts. Secure whenever the
    // request came over https (plain http is only for a developer's loopback).
    internal static CookieOptions CookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    internal sealed record SessionView(string Id, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
    {
        public static SessionView Of(ClaimsPrincipal user)
        {
            var expires = long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UtcNow;
            return new(
                user.Identity!.Name!,
                user.FindFirstValue(TokenClaims.Name) ?? user.Identity.Name!,
                [.. user.FindAll(TokenClaims.Role).Select(c => c.Value)],
                expires);
        }
    }
}
