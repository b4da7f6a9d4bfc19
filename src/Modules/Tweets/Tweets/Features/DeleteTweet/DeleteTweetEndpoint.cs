using System.Security.Claims;

namespace Tweets.Features.DeleteTweet;

internal static class DeleteTweetEndpoint
{
    public static IEndpointRouteBuilder MapDeleteTweet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteTweetCommand(id, user.Identity!.Name!), cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithName("DeleteTweet")
            .WithSummary("Delete one of your own tweets")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
