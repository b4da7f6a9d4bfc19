namespace Tweets.Domain;

/// <summary>One user following another, by their case-insensitive keys.</summary>
internal sealed class Follow
{
    private Follow()
    {
    }

    public string FollowerKey { get; private set; } = string.Empty;

    public string FolloweeKey { get; private set; } = string.Empty;

    public DateTimeOffset Since { get; private set; }

    public static Follow Between(string followerId, string followeeId, DateTimeOffset now) =>
        new() { FollowerKey = UserKey.Of(followerId), FolloweeKey = UserKey.Of(followeeId), Since = now };
}
