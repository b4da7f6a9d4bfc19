using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetTweet;

internal static class GetTweetEndpoint
{
    public static IEndpointRouteBuilder MapGetTweet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{id:long}", async (long id, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetTweetQuery(id), cancellationToken)))
            .WithName("GetTweet")
            .WithSummary("One tweet with its author")
            .Produces<TweetView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
