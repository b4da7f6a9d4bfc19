using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tweets.Domain;
using Users.Contracts;

namespace Tweets.Application;

/// <summary>
/// Turns stored tweets into what clients see. Author names come from the Users module's contract, one batched
/// call per page whatever its size, so a page never costs one call per tweet and names are never stale.
/// </summary>
internal sealed partial class TweetViews(IMediator mediator, IOptions<TweetsOptions> options, ILogger<TweetViews> logger)
{
    public async Task<CursorPage<TweetView>> Page(IQueryable<Tweet> tweets, ICursorPageQuery query, CancellationToken cancellationToken)
    {
        var size = options.Value.Paging.For(query.Limit);
        var below = query.StartsBelow();
        var fetched = await tweets.AsNoTracking()
            .Where(t => t.Id < below)
            .OrderByDescending(t => t.Id)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = Cursor.Page(fetched, size, t => t.Id);
        return new(await Of(page.Items, cancellationToken), page.NextCursor);
    }

    public async Task<TweetView> Of(Tweet tweet, CancellationToken cancellationToken) => (await Of([tweet], cancellationToken))[0];

    private async Task<IReadOnlyList<TweetView>> Of(IReadOnlyList<Tweet> tweets, CancellationToken cancellationToken)
    {
        if (tweets.Count == 0)
        {
            return [];
        }

        var authors = await Authors(tweets, cancellationToken);
        // An author the Users module does not report (or a Users module that cannot answer) still shows: as their id.
        return [.. tweets.Select(t => new TweetView(t.Id, t.Text, t.PostedAt,
            authors.GetValueOrDefault(t.AuthorKey) ?? new Author(t.AuthorId, t.AuthorId)))];
    }

    private async Task<Dictionary<string, Author>> Authors(IReadOnlyList<Tweet> tweets, CancellationToken cancellationToken)
    {
        var authorIds = tweets.Select(t => t.AuthorId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        try
        {
            var summaries = await mediator.Send(new GetUserSummaries(authorIds), cancellationToken);
            return summaries.ToDictionary(s => UserKey.Of(s.Id), s => new Author(s.Id, s.DisplayName));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Names are decoration: a failing Users module must not take timelines down with it.
            LogNamesUnavailable(logger, e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Author names are unavailable from the Users module; showing ids instead")]
    private static partial void LogNamesUnavailable(ILogger logger, Exception exception);
}
