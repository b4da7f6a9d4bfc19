using ModuleKit.Data;
using Tweets.Data;
using Tweets.Domain;
using Users.Contracts;

namespace Tweets.Application;

/// <summary>Which users exist, as far as this module needs to know: to follow them or to list their tweets.</summary>
internal sealed class MemberDirectory(TweetsDbContext db, IMediator mediator, TimeProvider clock)
{
    /// <summary>The user's id in its own casing, or null when there is no such user.</summary>
    public async Task<string?> Find(string userId, CancellationToken cancellationToken)
    {
        var key = UserKey.Of(userId);
        var known = await db.Members.AsNoTracking().Where(m => m.Key == key).Select(m => m.Id).SingleOrDefaultAsync(cancellationToken);
        if (known is not null)
        {
            return known;
        }

        // Not in the local copy: an account older than this module's data, or one whose event has not arrived yet.
        var summaries = await mediator.Send(new GetUserSummaries([userId]), cancellationToken);
        if (summaries.Count == 0)
        {
            return null;
        }

        await Add(summaries[0].Id, clock.GetUtcNow(), cancellationToken);
        return summaries[0].Id;
    }

    /// <summary>The user's id in its own casing; a 404 problem when there is no such user.</summary>
    public async Task<string> Require(string userId, CancellationToken cancellationToken) =>
        await Find(userId, cancellationToken) ?? throw TweetProblems.UserNotFound(userId);

    /// <summary>
    /// Checks that the signed-in caller's account exists before it acts: a genuine token can name an account that does
    /// not exist (deleted, or signed for an id nobody registered), and such a token must not post or follow. A new
    /// account whose <c>UserRegistered</c> has not arrived yet is asked of Users, so it can act at once. A 401 problem
    /// (<c>urn:problem:unknown-account</c>) otherwise.
    /// </summary>
    public async Task RequireAccount(string userId, CancellationToken cancellationToken)
    {
        if (await Find(userId, cancellationToken) is null)
        {
            throw TweetProblems.UnknownAccount(userId);
        }
    }

    /// <summary>Records a user; a second record of the same user changes nothing.</summary>
    public async Task Add(string userId, DateTimeOffset joinedAt, CancellationToken cancellationToken)
    {
        var key = UserKey.Of(userId);
        if (await db.Members.AnyAsync(m => m.Key == key, cancellationToken))
        {
            return;
        }

        // False when a concurrent request or event recorded the member first: the same fact, already stored.
        _ = await db.TryAddAsync(Member.Joined(userId, joinedAt), cancellationToken);
    }
}
