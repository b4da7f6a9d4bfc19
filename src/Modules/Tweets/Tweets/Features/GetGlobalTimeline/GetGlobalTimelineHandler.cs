using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetGlobalTimeline;

internal sealed class GetGlobalTimelineHandler(TweetsDbContext db, TweetViews views)
    : IRequestHandler<GetGlobalTimelineQuery, CursorPage<TweetView>>
{
    public Task<CursorPage<TweetView>> Handle(GetGlobalTimelineQuery request, CancellationToken cancellationToken) =>
        views.Page(db.Tweets, request, cancellationToken);
}
