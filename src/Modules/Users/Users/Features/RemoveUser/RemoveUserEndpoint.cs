using ModuleKit.Auth;

namespace Users.Features.RemoveUser;

internal static class RemoveUserEndpoint
{
    public static IEndpointRouteBuilder MapRemoveUser(this IEndpointRouteBuilder endpoints)
    {
        // Only what can be an id: "me" (two letters) never matches, so DELETE /me stays a 405.
        endpoints.MapDelete("/{id:regex(^[A-Za-z0-9_]{{3,20}}$)}", async (string id, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RemoveUserCommand(id), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithName("RemoveUser")
            .WithSummary("Remove an account (admins): it can no longer log in, its sessions end, and its id stays taken")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
