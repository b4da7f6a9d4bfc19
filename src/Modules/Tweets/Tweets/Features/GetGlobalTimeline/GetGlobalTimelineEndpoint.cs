using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetGlobalTimeline;

internal static class GetGlobalTimelineEndpoint
{
    public static IEndpointRouteBuilder MapGetGlobalTimeline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (string? cursor, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetGlobalTimelineQuery(cursor, limit), cancellationToken)))
            .WithName("GetGlobalTimeline")
            .WithSummary("Everyone's tweets, newest first; pass nextCursor back as cursor for the next page")
            .Produces<CursorPage<TweetView>>()
            .ProducesValidationProblem();
        return endpoints;
    }
}
