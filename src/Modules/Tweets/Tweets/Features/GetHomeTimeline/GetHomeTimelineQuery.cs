using MediatR;
using ModuleKit.Paging;
using Tweets.Domain;
using Tweets.Application;

namespace Tweets.Features.GetHomeTimeline;

/// <summary>The tweets of the people a user follows and the user's own, newest first.</summary>
internal sealed record GetHomeTimelineQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
