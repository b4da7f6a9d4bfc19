using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetGlobalTimeline;

/// <summary>Everyone's tweets, newest first.</summary>
internal sealed record GetGlobalTimelineQuery(string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
