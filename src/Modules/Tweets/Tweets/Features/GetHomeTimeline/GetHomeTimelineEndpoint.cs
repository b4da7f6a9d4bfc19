using System.Security.Claims;
using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetHomeTimeline;

internal static class GetHomeTimelineEndpoint
{
    public static IEndpointRouteBuilder MapGetHomeTimeline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/home", async (string? cursor, int? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetHomeTimelineQuery(user.Identity!.Name!, cursor, limit), cancellationToken)))
            .RequireAuthorization()
            .WithName("GetHomeTimeline")
            .WithSummary("Tweets of the people you follow and your own, newest first")
            .Produces<CursorPage<TweetView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
