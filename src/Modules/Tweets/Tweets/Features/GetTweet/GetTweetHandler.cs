using MediatR;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Problems;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetTweet;

internal sealed class GetTweetHandler(TweetsDbContext db, TweetViews views) : IRequestHandler<GetTweetQuery, TweetView>
{
    public async Task<TweetView> Handle(GetTweetQuery request, CancellationToken cancellationToken)
    {
        var tweet = await db.Tweets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw TweetNotFound(request.Id);
        return await views.Of(tweet, cancellationToken);
    }

    public static NotFoundException TweetNotFound(long id) => new($"There is no tweet with the id {id}; it may have been deleted.");
}
