namespace Tweets.Domain;

/// <summary>
/// A user this module knows exists: learnt from <c>UserRegistered</c> (or, for an account older than this module's
/// copy, from the Users contract). Only the id is kept; names are always asked for fresh, so renames show at once.
/// </summary>
internal sealed class Member
{
    private Member()
    {
    }

    public string Key { get; private set; } = string.Empty;

    public string Id { get; private set; } = string.Empty;

    public DateTimeOffset JoinedAt { get; private set; }

    public static Member Joined(string id, DateTimeOffset joinedAt) => new() { Key = UserKey.Of(id), Id = id, JoinedAt = joinedAt };
}
