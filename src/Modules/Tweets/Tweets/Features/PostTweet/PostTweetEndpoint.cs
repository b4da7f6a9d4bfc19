using System.Security.Claims;
using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal static class PostTweetEndpoint
{
    public static IEndpointRouteBuilder MapPostTweet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/", async (PostTweetRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var tweet = await mediator.Send(new PostTweetCommand(user.Identity!.Name!, body.Text), cancellationToken);
                return Results.Created($"{TweetsModule.Prefix}/{tweet.Id}", tweet);
            })
            .RequireAuthorization()
            .WithName("PostTweet")
            .WithSummary("Post a tweet of 1 to 280 characters as the signed-in user")
            .Produces<TweetView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
