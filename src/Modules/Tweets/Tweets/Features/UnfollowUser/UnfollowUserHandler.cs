using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.UnfollowUser;

internal sealed class UnfollowUserHandler(TweetsDbContext db, MemberDirectory members) : IRequestHandler<UnfollowUserCommand, Unit>
{
    public async Task<Unit> Handle(UnfollowUserCommand request, CancellationToken cancellationToken)
    {
        await members.Require(request.FolloweeId, cancellationToken);
        var (follower, followed) = (UserKey.Of(request.FollowerId), UserKey.Of(request.FolloweeId));
        await db.Follows.Where(f => f.FollowerKey == follower && f.FolloweeKey == followed).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
