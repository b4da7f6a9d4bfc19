using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetTweet;

internal sealed class GetTweetHandler(TweetsDbContext db, TweetViews views) : IRequestHandler<GetTweetQuery, TweetView>
{
    public async Task<TweetView> Handle(GetTweetQuery request, CancellationToken cancellationToken)
    {
        var tweet = await db.Tweets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw TweetProblems.TweetNotFound(request.Id);
        return await views.Of(tweet, cancellationToken);
    }
}
