using System.Text.Json;
using ModuleKit.Auth;
using ModuleKit.Problems;
using ModuleRuntime.Auth;
using ModuleRuntime.Problems;
using Users.Application;

namespace Monolith.Host.WebUi;

/// <summary>
/// "Sign in with GitHub" for the browser. The Users API ends its GitHub flow by answering the token as JSON, which
/// suits a script but not a person; a flow started from the UI is marked with a cookie, and its final answer is
/// turned into the session cookie and a redirect to the home page. The API's own answer is unchanged for everyone else.
/// </summary>
internal static class GitHubHandoff
{
    public const string StartPath = "/ui/github";

    private const string ApiStart = "/api/users/login/github";
    private const string ApiComplete = "/api/users/login/github/complete";
    private const string Marker = "monolith_github_ui";

    public static WebApplication MapGitHubHandoff(this WebApplication app)
    {
        app.MapGet(StartPath, (HttpContext http) =>
            {
                // Lax, not Strict: the browser comes back to the Host from github.com, a cross-site navigation.
                http.Response.Cookies.Append(Marker, "1", new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    Path = ApiComplete,
                    MaxAge = TimeSpan.FromMinutes(10),
                });
                return Results.Redirect(ApiStart);
            })
            .ExcludeFromDescription();

        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.Equals(ApiComplete, StringComparison.OrdinalIgnoreCase) || !http.Request.Cookies.ContainsKey(Marker))
            {
                await next(http);
                return;
            }

            http.Response.Cookies.Delete(Marker, new CookieOptions { Path = ApiComplete, Secure = http.Request.IsHttps });
            var original = http.Response.Body;
            using var answer = new MemoryStream();
            http.Response.Body = answer;
            Issued? issued = null;
            try
            {
                await next(http);
                issued = http.Response.StatusCode == StatusCodes.Status200OK ? ReadToken(answer) : null;
            }
            catch (ProblemException)
            {
                // Declined on GitHub, an expired flow, an account conflict: the login page says it did not work.
            }
            finally
            {
                http.Response.Body = original;
            }

            http.Response.Clear();
            if (issued is not { } session)
            {
                http.Response.Redirect("/#/login?github=failed");
                return;
            }

            http.Response.Cookies.Append(TokenAuthentication.SessionCookie, session.Token, SessionEndpoints.CookieOptions(http, session.ExpiresAt));
            if (session.Refresh is { } refresh)
            {
                http.Response.Cookies.Append(SessionEndpoints.RefreshCookie, refresh.Token, SessionEndpoints.RefreshCookieOptions(http, refresh.ExpiresAt));
            }

            http.Response.Redirect("/#/home");
        });
        return app;
    }

    /// <summary>The tokens and their expiry from the API's answer (its public session shape).</summary>
    private static Issued? ReadToken(MemoryStream answer)
    {
        using var issued = JsonDocument.Parse(answer.ToArray());
        var root = issued.RootElement;
        if (!(root.TryGetProperty("accessToken", out var token) && token.GetString() is { Length: > 0 } value
            && root.TryGetProperty("expiresAt", out var expires) && expires.TryGetDateTimeOffset(out var expiresAt)))
        {
            return null;
        }

        var refresh = root.TryGetProperty("refreshToken", out var refreshToken) && refreshToken.GetString() is { Length: > 0 } refreshValue
            && root.TryGetProperty("refreshTokenExpiresAt", out var refreshExpires) && refreshExpires.TryGetDateTimeOffset(out var refreshExpiresAt)
            ? (refreshValue, refreshExpiresAt)
            : ((string Token, DateTimeOffset ExpiresAt)?)null;
        return new Issued(value, expiresAt, refresh);
    }

    private sealed record Issued(string Token, DateTimeOffset ExpiresAt, (string Token, DateTimeOffset ExpiresAt)? Refresh);
}
