using Users.Contracts;

namespace Users.Features.LogOut;

internal static class LogOutEndpoint
{
    // No access token needed: the refresh token is the credential, and an expired access token must not keep a session alive.
    public static IEndpointRouteBuilder MapLogOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/logout", async (EndSession command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(command, cancellationToken);
                return Results.NoContent();
            })
            .WithName("LogOut")
            .WithSummary("End the session a refresh token belongs to; its access tokens lapse within their few minutes")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem();
        return endpoints;
    }
}
