using MediatR;
using ModuleKit.Paging;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.Timelines;

internal sealed class GetGlobalTimelineHandler(TweetsDbContext db, TweetViews views)
    : IRequestHandler<GetGlobalTimelineQuery, CursorPage<TweetView>>
{
    public Task<CursorPage<TweetView>> Handle(GetGlobalTimelineQuery request, CancellationToken cancellationToken) =>
        views.Page(db.Tweets, request, cancellationToken);
}

internal sealed class GetUserTweetsHandler(TweetsDbContext db, TweetViews views, MemberDirectory members)
    : IRequestHandler<GetUserTweetsQuery, CursorPage<TweetView>>
{
    public async Task<CursorPage<TweetView>> Handle(GetUserTweetsQuery request, CancellationToken cancellationToken)
    {
        await members.Require(request.UserId, cancellationToken);
        var key = UserKey.Of(request.UserId);
        return await views.Page(db.Tweets.Where(t => t.AuthorKey == key), request, cancellationToken);
    }
}

internal sealed class GetHomeTimelineHandler(TweetsDbContext db, TweetViews views)
    : IRequestHandler<GetHomeTimelineQuery, CursorPage<TweetView>>
{
    public Task<CursorPage<TweetView>> Handle(GetHomeTimelineQuery request, CancellationToken cancellationToken)
    {
        var me = UserKey.Of(request.UserId);
        var tweets = db.Tweets.Where(t => t.AuthorKey == me
            || db.Follows.Any(f => f.FollowerKey == me && f.FolloweeKey == t.AuthorKey));
        return views.Page(tweets, request, cancellationToken);
    }
}
