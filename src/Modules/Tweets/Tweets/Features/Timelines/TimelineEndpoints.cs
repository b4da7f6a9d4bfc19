using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModuleKit.Paging;
using Tweets.Domain;

namespace Tweets.Features.Timelines;

internal static class TimelineEndpoints
{
    public static IEndpointRouteBuilder MapTimelines(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (string? cursor, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetGlobalTimelineQuery(cursor, limit), cancellationToken)))
            .WithName("GetGlobalTimeline")
            .WithSummary("Everyone's tweets, newest first; pass nextCursor back as cursor for the next page")
            .Produces<CursorPage<TweetView>>()
            .ProducesValidationProblem();

        endpoints.MapGet("/home", async (string? cursor, int? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetHomeTimelineQuery(user.Identity!.Name!, cursor, limit), cancellationToken)))
            .RequireAuthorization()
            .WithName("GetHomeTimeline")
            .WithSummary("Tweets of the people you follow and your own, newest first")
            .Produces<CursorPage<TweetView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        endpoints.MapGet("/users/{userId}", async (string userId, string? cursor, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetUserTweetsQuery(userId, cursor, limit), cancellationToken)))
            .WithName("GetUserTweets")
            .WithSummary("One user's tweets, newest first")
            .Produces<CursorPage<TweetView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
