using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Users.Features.SignInWithGitHub;

/// <summary>
/// ASP.NET Core's OAuth handler pointed at GitHub. The handler's result lands in a short-lived cookie that
/// only the completion endpoint reads; the client then gets the same bearer token a password log-in gives.
/// </summary>
internal static class GitHubAuthentication
{
    public const string Scheme = "GitHub";
    public const string ExternalScheme = "GitHubExternal";
    public const string IdClaim = "github:id";
    public const string LoginClaim = "github:login";
    public const string NameClaim = "github:name";
    public const string LinkItem = "link-user";
    public const string CallbackPath = UsersModule.Prefix + "/login/github/callback";

    public static void Add(IServiceCollection services, UsersOptions.GitHubOptions gitHub)
    {
        services.AddAuthentication()
            .AddCookie(ExternalScheme, cookie =>
            {
                cookie.Cookie.Name = "users.github";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddOAuth(Scheme, oauth =>
            {
                oauth.ClientId = gitHub.ClientId!;
                oauth.ClientSecret = gitHub.ClientSecret!;
                oauth.AuthorizationEndpoint = gitHub.AuthorizationEndpoint;
                oauth.TokenEndpoint = gitHub.TokenEndpoint;
                oauth.UserInformationEndpoint = gitHub.UserInformationEndpoint;
                oauth.CallbackPath = CallbackPath;
                oauth.SignInScheme = ExternalScheme;
                oauth.Scope.Add("read:user");
                oauth.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oauth.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oauth.ClaimActions.MapJsonKey(IdClaim, "id");
                oauth.ClaimActions.MapJsonKey(LoginClaim, "login");
                oauth.ClaimActions.MapJsonKey(NameClaim, "name");
                oauth.Events.OnRemoteFailure = RefuseFailedSignIn;
                oauth.Events.OnCreatingTicket = async context =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.UserAgent.Add(new ProductInfoHeaderValue("monolith", "1.0"));
                    using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                    response.EnsureSuccessStatusCode();
                    using var user = await JsonDocument.ParseAsync(
                        await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted),
                        cancellationToken: context.HttpContext.RequestAborted);
                    context.RunClaimActions(user.RootElement);
                };
            });
    }

    /// <summary>
    /// A forged or replayed callback, or the user declining at GitHub, is the client's problem (401),
    /// not a server error.
    /// </summary>
    private static Task RefuseFailedSignIn(RemoteFailureContext context) =>
        throw new UnauthorizedException(context.Request.Query["error"] == "access_denied"
            ? "GitHub sign-in was declined. Log in with your id and password, or try GitHub again."
            : "GitHub sign-in could not be completed. Start again from the log-in page.");
}
