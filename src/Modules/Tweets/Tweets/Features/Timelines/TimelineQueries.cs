using MediatR;
using ModuleKit.Paging;
using Tweets.Domain;

namespace Tweets.Features.Timelines;

/// <summary>Everyone's tweets, newest first.</summary>
internal sealed record GetGlobalTimelineQuery(string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;

/// <summary>One user's tweets, newest first.</summary>
internal sealed record GetUserTweetsQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;

/// <summary>The tweets of the people a user follows and the user's own, newest first.</summary>
internal sealed record GetHomeTimelineQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
