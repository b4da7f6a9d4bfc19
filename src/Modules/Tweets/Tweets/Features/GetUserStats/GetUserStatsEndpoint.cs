using System.Security.Claims;

namespace Tweets.Features.GetUserStats;

internal static class GetUserStatsEndpoint
{
    public static IEndpointRouteBuilder MapGetUserStats(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/{userId}/stats", async (string userId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetUserStatsQuery(userId, user.Identity?.IsAuthenticated == true ? user.Identity.Name : null), cancellationToken)))
            .WithName("GetUserStats")
            .WithSummary("A user's tweet, follower and following counts, and whether you follow them")
            .Produces<UserStats>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
