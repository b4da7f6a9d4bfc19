using MediatR;

namespace Tweets.Contracts;

/// <summary>Published once a tweet is stored.</summary>
/// <remarks>
/// Published API: no module in this repository subscribes yet. It is what a notification or search module would
/// listen to. It travels through the outbox like every event; while nothing subscribes, the dispatcher drops it.
/// </remarks>
public sealed record TweetPosted(long TweetId, string AuthorId, string Text, DateTimeOffset PostedAt) : INotification;
