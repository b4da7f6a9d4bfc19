using MediatR;
using Tweets.Contracts;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal sealed class PostTweetHandler(TweetsDbContext db, TweetViews views, IMediator mediator, TimeProvider clock)
    : IRequestHandler<PostTweetCommand, TweetView>
{
    public async Task<TweetView> Handle(PostTweetCommand request, CancellationToken cancellationToken)
    {
        var tweet = Tweet.Post(request.AuthorId, TweetRules.Prepare(request.Text!), clock.GetUtcNow());
        db.Tweets.Add(tweet);
        await db.SaveChangesAsync(cancellationToken);
        // The tweet is stored: its event goes out even if the client has hung up meanwhile.
        await mediator.Publish(new TweetPosted(tweet.Id, tweet.AuthorId, tweet.Text, tweet.PostedAt), CancellationToken.None);
        return await views.Of(tweet, cancellationToken);
    }
}
