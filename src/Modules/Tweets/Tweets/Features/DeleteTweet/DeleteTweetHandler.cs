using MediatR;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Problems;
using Tweets.Data;
using Tweets.Features.GetTweet;

namespace Tweets.Features.DeleteTweet;

internal sealed class DeleteTweetHandler(TweetsDbContext db) : IRequestHandler<DeleteTweetCommand, Unit>
{
    public async Task<Unit> Handle(DeleteTweetCommand request, CancellationToken cancellationToken)
    {
        var tweet = await db.Tweets.SingleOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
            ?? throw GetTweetHandler.TweetNotFound(request.Id);
        if (!tweet.IsBy(request.UserId))
        {
            throw new ForbiddenException("You can delete only your own tweets.");
        }

        db.Tweets.Remove(tweet);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
