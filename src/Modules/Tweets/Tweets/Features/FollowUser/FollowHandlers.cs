using MediatR;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Data;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.FollowUser;

internal sealed class FollowHandler(TweetsDbContext db, MemberDirectory members, TimeProvider clock) : IRequestHandler<FollowCommand, Unit>
{
    public async Task<Unit> Handle(FollowCommand request, CancellationToken cancellationToken)
    {
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

internal sealed class UnfollowHandler(TweetsDbContext db, MemberDirectory members) : IRequestHandler<UnfollowCommand, Unit>
{
    public async Task<Unit> Handle(UnfollowCommand request, CancellationToken cancellationToken)
    {
        await members.Require(request.FolloweeId, cancellationToken);
        var (follower, followed) = (UserKey.Of(request.FollowerId), UserKey.Of(request.FolloweeId));
        await db.Follows.Where(f => f.FollowerKey == follower && f.FolloweeKey == followed).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
