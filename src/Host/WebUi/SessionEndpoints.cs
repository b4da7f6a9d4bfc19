using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.IdentityModel.JsonWebTokens;
using ModuleKit.Auth;
using ModuleKit.Http;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using Users.Contracts;

namespace Monolith.Host.WebUi;

/// <summary>
/// The web UI's session: the access token from <c>/api/users/login</c> kept in an HttpOnly cookie, so page
/// scripts never store it and a reload stays signed in (docs/adr/0020), and the refresh token in a second HttpOnly
/// cookie sent only to <c>/ui/session</c>, which renews the access token when it runs out (docs/adr/0039).
/// </summary>
internal static class SessionEndpoints
{
    public const string Path = "/ui/session";

    /// <summary>The HttpOnly cookie holding the refresh token; its path keeps it off every request but the session's own.</summary>
    public const string RefreshCookie = "monolith_refresh";

    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup(Path).WithTags("Web UI");

        session.MapPost("/", (StartSessionRequest? body, HttpContext http, ClaimsPrincipal user) =>
            {
                // Only a token the caller just presented in the header is stored, never the cookie's own one again.
                var header = http.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnauthorizedException("Send the access token from /api/users/login as 'Authorization: Bearer <token>'.");
                }

                var view = SessionView.Of(user);
                http.Response.Cookies.Append(TokenAuthentication.SessionCookie, header["Bearer ".Length..].Trim(), CookieOptions(http, view.ExpiresAt));
                if (body?.RefreshToken is { Length: > 0 } refresh)
                {
                    http.Response.Cookies.Append(RefreshCookie, refresh, RefreshCookieOptions(http, body.RefreshTokenExpiresAt));
                }

                return Results.Ok(view);
            })
            .RequireAuthorization()
            .WithName("StartUiSession")
            .WithSummary("Keep the presented bearer token (and the refresh token in the body, if any) in the web UI's HttpOnly cookies")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        session.MapGet("/", (ClaimsPrincipal user) => Results.Ok(SessionView.Of(user)))
            .RequireAuthorization()
            .WithName("GetUiSession")
            .WithSummary("Who the session (cookie or header) belongs to, with their roles")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        session.MapPost("/refresh", Renew)
            .RequireRateLimiting(RateLimitPolicies.Refresh)
            .WithName("RenewUiSession")
            .WithSummary("Exchange the refresh cookie for a new access token and refresh token, both kept in the cookies")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        session.MapDelete("/", async (HttpContext http, IMediator mediator) =>
            {
                if (http.Request.Cookies.TryGetValue(RefreshCookie, out var refresh) && refresh.Length is > 0 and <= 200)
                {
                    await mediator.Send(new EndSession(refresh), http.RequestAborted);
                }

                Forget(http);
                return Results.NoContent();
            })
            .WithName("EndUiSession")
            .WithSummary("End the web UI's session (log out): the refresh token stops working and both cookies are forgotten")
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

    internal static CookieOptions RefreshCookieOptions(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };

    /// <summary>
    /// Like any other change made with the cookie, a renewal needs the CSRF header (docs/adr/0020). A refused refresh
    /// token (ended, reused, expired) also forgets both cookies, so the page shows the log-in form.
    /// </summary>
    private static async Task<IResult> Renew(HttpContext http, IMediator mediator)
    {
        if (!http.Request.Headers.ContainsKey(TokenAuthentication.CsrfHeader)
            || !http.Request.Cookies.TryGetValue(RefreshCookie, out var refresh) || refresh.Length is 0 or > 200)
        {
            throw new UnauthorizedException("There is no session to renew. Log in again.");
        }

        IssuedSession issued;
        try
        {
            issued = await mediator.Send(new RefreshSession(refresh), http.RequestAborted);
        }
        catch (UnauthorizedException)
        {
            Forget(http);
            throw;
        }

        http.Response.Cookies.Append(TokenAuthentication.SessionCookie, issued.AccessToken, CookieOptions(http, issued.ExpiresAt));
        http.Response.Cookies.Append(RefreshCookie, issued.RefreshToken, RefreshCookieOptions(http, issued.RefreshTokenExpiresAt));
        // Users signed the token a moment ago; its claims are read here only to describe the session, not to trust a caller.
        var token = new JsonWebToken(issued.AccessToken);
        return Results.Ok(SessionView.Of(new ClaimsPrincipal(new ClaimsIdentity(token.Claims, "refresh", TokenClaims.Subject, TokenClaims.Role))));
    }

    private static void Forget(HttpContext http)
    {
        http.Response.Cookies.Delete(TokenAuthentication.SessionCookie, CookieOptions(http, expires: null));
        http.Response.Cookies.Delete(RefreshCookie, RefreshCookieOptions(http, expires: null));
    }

    /// <summary>The optional body of <c>POST /ui/session</c>: the refresh token from the same log-in answer.</summary>
    internal sealed record StartSessionRequest(string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt);

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
