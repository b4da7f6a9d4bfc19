namespace Tweets.Features.DeleteTweet;

internal sealed record DeleteTweetCommand(long Id, string UserId) : IRequest<Unit>;
