using System.Security.Claims;

namespace Tweets.Features.UnfollowUser;

internal static class UnfollowUserEndpoint
{
    public static IEndpointRouteBuilder MapUnfollowUser(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/users/{userId}/follow", async (string userId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new UnfollowUserCommand(user.Identity!.Name!, userId), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithName("Unfollow")
            .WithSummary("Stop following a user; repeating it changes nothing")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
