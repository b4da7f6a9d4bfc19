using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetUserTweets;

internal static class GetUserTweetsEndpoint
{
    public static IEndpointRouteBuilder MapGetUserTweets(this IEndpointRouteBuilder endpoints)
    {
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
