using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Users.Application;

namespace Users.Features.SignInWithGitHub;

internal static class SignInWithGitHubEndpoints
{
    public static IEndpointRouteBuilder MapGitHubLogin(this IEndpointRouteBuilder endpoints, bool enabled)
    {
        endpoints.MapGet("/login/providers", () => Results.Ok(new LoginProviders(Password: true, GitHub: enabled)))
            .WithName("LoginProviders")
            .WithSummary("Which ways to log in this server offers")
            .Produces<LoginProviders>();

        if (!enabled)
        {
            return endpoints;
        }

        endpoints.MapGet("/login/github", (ClaimsPrincipal user) =>
            {
                var properties = new AuthenticationProperties { RedirectUri = UsersModule.Prefix + "/login/github/complete" };
                if (user.Identity?.IsAuthenticated == true)
                {
                    properties.Items[GitHubAuthentication.LinkItem] = user.Identity.Name;
                }

                return Results.Challenge(properties, [GitHubAuthentication.Scheme]);
            })
            .WithName("LogInWithGitHub")
            .WithSummary("Start GitHub sign-in (a signed-in caller links GitHub to their account)");

        endpoints.MapGet("/login/github/complete", async (HttpContext http, IMediator mediator, Sessions sessions) =>
            {
                var result = await http.AuthenticateAsync(GitHubAuthentication.ExternalScheme);
                var claims = result.Principal;
                if (!result.Succeeded || claims is null
                    || !long.TryParse(claims.FindFirstValue(GitHubAuthentication.IdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var gitHubId)
                    || claims.FindFirstValue(GitHubAuthentication.LoginClaim) is not { Length: > 0 } login)
                {
                    throw new UnauthorizedException("GitHub sign-in did not complete. Start again from the log-in page.");
                }

                await http.SignOutAsync(GitHubAuthentication.ExternalScheme);
                result.Properties!.Items.TryGetValue(GitHubAuthentication.LinkItem, out var linkTo);
                var user = await mediator.Send(
                    new SignInWithGitHubCommand(gitHubId, login, claims.FindFirstValue(GitHubAuthentication.NameClaim), linkTo),
                    http.RequestAborted);
                if (user.RemovedAt is not null)
                {
                    throw new UnauthorizedException("This account was removed by an administrator.");
                }

                return Results.Ok(await sessions.Start(user, http.RequestAborted));
            })
            .WithName("CompleteGitHubLogIn")
            .WithSummary("Finish GitHub sign-in and receive a bearer token")
            .Produces<SessionTokens>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    internal sealed record LoginProviders(bool Password, bool GitHub);
}
