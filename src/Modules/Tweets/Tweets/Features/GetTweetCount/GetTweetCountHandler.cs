using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetTweetCount;

/// <summary>Serves the contract other modules use to ask how much a user has posted.</summary>
internal sealed class GetTweetCountHandler(TweetsDbContext db) : IRequestHandler<Contracts.GetTweetCount, int>
{
    public Task<int> Handle(Contracts.GetTweetCount request, CancellationToken cancellationToken)
    {
        var key = UserKey.Of(request.UserId);
        return db.Tweets.CountAsync(t => t.AuthorKey == key, cancellationToken);
    }
}
