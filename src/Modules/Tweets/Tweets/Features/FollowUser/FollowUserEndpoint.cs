using System.Security.Claims;

namespace Tweets.Features.FollowUser;

internal static class FollowUserEndpoint
{
    public static IEndpointRouteBuilder MapFollowUser(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/users/{userId}/follow", async (string userId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new FollowUserCommand(user.Identity!.Name!, userId), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithName("Follow")
            .WithSummary("Follow a user (their tweets join your home timeline); repeating it changes nothing")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
