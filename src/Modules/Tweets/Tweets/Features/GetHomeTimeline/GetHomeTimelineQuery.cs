using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetHomeTimeline;

/// <summary>The tweets of the people a user follows and the user's own, newest first.</summary>
internal sealed record GetHomeTimelineQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
