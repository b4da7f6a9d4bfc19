using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetHomeTimeline;

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
