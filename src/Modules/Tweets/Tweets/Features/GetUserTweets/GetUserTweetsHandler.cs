using Tweets.Application;
using Tweets.Data;
using Tweets.Domain;

namespace Tweets.Features.GetUserTweets;

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
