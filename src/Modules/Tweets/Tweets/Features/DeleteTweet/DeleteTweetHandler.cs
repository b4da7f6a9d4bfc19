using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.DeleteTweet;

internal sealed class DeleteTweetHandler(TweetsDbContext db) : IRequestHandler<DeleteTweetCommand, Unit>
{
    public async Task<Unit> Handle(DeleteTweetCommand request, CancellationToken cancellationToken)
    {
        // One statement decides, so two deletes of the same tweet racing each other get 204 and 404, never a 500.
        var author = UserKey.Of(request.UserId);
        if (await db.Tweets.Where(t => t.Id == request.Id && t.AuthorKey == author).ExecuteDeleteAsync(cancellationToken) == 1)
        {
            return Unit.Value;
        }

        throw await db.Tweets.AnyAsync(t => t.Id == request.Id, cancellationToken)
            ? new ForbiddenException("You can delete only your own tweets.")
            : TweetProblems.TweetNotFound(request.Id);
    }
}
