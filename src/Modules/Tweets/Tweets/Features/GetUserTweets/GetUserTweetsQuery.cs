using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetUserTweets;

/// <summary>One user's tweets, newest first.</summary>
internal sealed record GetUserTweetsQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
