namespace Tweets;

/// <summary>The Tweets module's settings (<c>Modules:Tweets</c>).</summary>
internal sealed class TweetsOptions
{
    // A page's authors are named in one GetUserSummaries call, which takes at most this many ids.
    public const int MaxPageSizeLimit = Users.Contracts.GetUserSummaries.MaxIds;

    public PageSize Paging { get; set; } = new();
}
