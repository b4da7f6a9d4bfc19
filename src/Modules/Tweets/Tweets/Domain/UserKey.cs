namespace Tweets.Domain;

/// <summary>User ids ignore case (the Users module's rule); this module stores and compares them in one casing.</summary>
internal static class UserKey
{
    public static string Of(string userId) => userId.ToUpperInvariant();
}
