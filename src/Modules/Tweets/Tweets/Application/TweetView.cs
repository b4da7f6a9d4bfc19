using Tweets.Domain;

namespace Tweets.Application;

/// <summary>A tweet as the API shows it, with its author's current display name.</summary>
internal sealed record TweetView(long Id, string Text, DateTimeOffset PostedAt, Author Author);

internal sealed record Author(string Id, string DisplayName);
