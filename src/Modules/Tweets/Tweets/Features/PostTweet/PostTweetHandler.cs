using ModuleKit.Events;
using Tweets.Application;
using Tweets.Contracts;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal sealed class PostTweetHandler(TweetsDbContext db, MemberDirectory members, TweetViews views, TimeProvider clock)
    : IRequestHandler<PostTweetCommand, TweetView>
{
    public async Task<TweetView> Handle(PostTweetCommand request, CancellationToken cancellationToken)
    {
        await members.RequireAccount(request.AuthorId, cancellationToken);
        var tweet = Tweet.Post(request.AuthorId, TweetRules.Prepare(request.Text!), clock.GetUtcNow());
        db.Tweets.Add(tweet);
        // The event needs the tweet's generated id: both are saved in one transaction.
        await db.SaveWithEventAsync(() => new TweetPosted(tweet.Id, tweet.AuthorId, tweet.Text, tweet.PostedAt), tweet.PostedAt, cancellationToken);
        return await views.Of(tweet, cancellationToken);
    }
}
