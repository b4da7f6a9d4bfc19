using ModuleKit.Text;

namespace Tweets.Domain;

/// <summary>The module's 404s and the unknown account, worded once.</summary>
internal static class TweetProblems
{
    // Ids are echoed back so a typo is easy to spot, but never at any length a client chooses.
    private const int EchoedIdLength = 64;

    public static NotFoundException TweetNotFound(long id) => new($"There is no tweet with the id {id}; it may have been deleted.");

    public static NotFoundException UserNotFound(string userId) =>
        new($"There is no user with the id '{Echo(userId)}'.");

    public static UnknownAccountException UnknownAccount(string userId) =>
        new($"Your token names the account '{Echo(userId)}', which does not exist; log in again.");

    private static string Echo(string userId) =>
        userId.Length <= EchoedIdLength ? userId : UserText.Cut(userId, EchoedIdLength) + "…";
}
