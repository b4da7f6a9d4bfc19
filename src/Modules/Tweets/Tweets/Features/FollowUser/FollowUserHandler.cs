using ModuleKit.Data;
using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.FollowUser;

internal sealed class FollowUserHandler(TweetsDbContext db, MemberDirectory members, TimeProvider clock) : IRequestHandler<FollowUserCommand, Unit>
{
    public async Task<Unit> Handle(FollowUserCommand request, CancellationToken cancellationToken)
    {
        await members.RequireAccount(request.FollowerId, cancellationToken);
        var followee = await members.Require(request.FolloweeId, cancellationToken);
        var (follower, followed) = (UserKey.Of(request.FollowerId), UserKey.Of(followee));
        if (await db.Follows.AnyAsync(f => f.FollowerKey == follower && f.FolloweeKey == followed, cancellationToken))
        {
            return Unit.Value;
        }

        // False when a second follow raced this one: the outcome asked for exists either way.
        _ = await db.TryAddAsync(Follow.Between(request.FollowerId, followee, clock.GetUtcNow()), cancellationToken);
        return Unit.Value;
    }
}
