using MediatR;
using ModuleKit.Paging;
using Tweets.Domain;
using Tweets.Application;

namespace Tweets.Features.GetUserTweets;

/// <summary>One user's tweets, newest first.</summary>
internal sealed record GetUserTweetsQuery(string UserId, string? Cursor, int? Limit) : IRequest<CursorPage<TweetView>>, ICursorPageQuery;
