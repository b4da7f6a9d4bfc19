namespace Tweets.Domain;

/// <summary>A stored tweet. <see cref="Id"/> grows with every post, so it orders timelines and anchors cursors.</summary>
internal sealed class Tweet
{
    private Tweet()
    {
    }

    public long Id { get; private set; }

    /// <summary>The author's id as they chose it; <see cref="AuthorKey"/> is the case-insensitive form used in queries.</summary>
    public string AuthorId { get; private set; } = string.Empty;

    public string AuthorKey { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset PostedAt { get; private set; }

    public static Tweet Post(string authorId, string text, DateTimeOffset now) => new()
    {
        AuthorId = authorId,
        AuthorKey = UserKey.Of(authorId),
        Text = text,
        PostedAt = now,
    };
}
