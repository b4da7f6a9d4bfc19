using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetUserStats;

internal sealed class GetUserStatsHandler(TweetsDbContext db, MemberDirectory members) : IRequestHandler<GetUserStatsQuery, UserStats>
{
    public async Task<UserStats> Handle(GetUserStatsQuery request, CancellationToken cancellationToken)
    {
        var userId = await members.Require(request.UserId, cancellationToken);
        var key = UserKey.Of(userId);
        var tweets = await db.Tweets.CountAsync(t => t.AuthorKey == key, cancellationToken);
        var followers = await db.Follows.CountAsync(f => f.FolloweeKey == key, cancellationToken);
        var following = await db.Follows.CountAsync(f => f.FollowerKey == key, cancellationToken);
        bool? followedByYou = null;
        if (request.ViewerId is not null)
        {
            var viewer = UserKey.Of(request.ViewerId);
            followedByYou = await db.Follows.AnyAsync(f => f.FollowerKey == viewer && f.FolloweeKey == key, cancellationToken);
        }

        return new UserStats(userId, tweets, followers, following, followedByYou);
    }
}
