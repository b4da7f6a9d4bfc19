using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.PostTweet;

internal sealed record PostTweetCommand(string AuthorId, string? Text) : IRequest<TweetView>;

/// <summary>The body of <c>POST /api/tweets</c>.</summary>
internal sealed record PostTweetRequest(string? Text);
