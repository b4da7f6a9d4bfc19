using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.GetTweet;

internal sealed record GetTweetQuery(long Id) : IRequest<TweetView>;
