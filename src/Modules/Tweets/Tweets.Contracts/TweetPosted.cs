using MediatR;

namespace Tweets.Contracts;

/// <summary>Published once a tweet is stored.</summary>
public sealed record TweetPosted(long TweetId, string AuthorId, string Text, DateTimeOffset PostedAt) : INotification;
