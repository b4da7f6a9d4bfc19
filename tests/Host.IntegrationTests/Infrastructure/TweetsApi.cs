using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tweets.Contracts;
using Users.Contracts;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>The Tweets API as a test drives it.</summary>
public static class TweetsApi
{
    public const string Tweets = "/api/tweets";
    public const string Home = "/api/tweets/home";
    public const string ForbiddenType = "urn:problem:forbidden";

    public static string Tweet(long id) => $"{Tweets}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string UserTweets(string userId) => $"{Tweets}/users/{userId}";

    public static string Stats(string userId) => $"{Tweets}/users/{userId}/stats";

    public static string FollowPath(string userId) => $"{Tweets}/users/{userId}/follow";

    public static Task<HttpResponseMessage> Post(this HttpClient client, string? text) =>
        client.PostAsJsonAsync(Tweets, new { text });

    /// <summary>Posts a tweet, asserts it was created and returns its id.</summary>
    public static async Task<long> PostTweet(this HttpClient client, string text)
    {
        using var response = await client.Post(text);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Posts several tweets one after another (so their ids grow in this order) and returns their ids.</summary>
    public static async Task<List<long>> PostTweets(this HttpClient client, int count, string prefix = "tweet")
    {
        var ids = new List<long>();
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await client.PostTweet(string.Create(CultureInfo.InvariantCulture, $"{prefix} {i}")));
        }

        return ids;
    }

    public static Task<HttpResponseMessage> PutFollow(this HttpClient client, string userId) =>
        client.PutAsync(FollowPath(userId), null);

    public static Task<HttpResponseMessage> DeleteFollow(this HttpClient client, string userId) =>
        client.DeleteAsync(FollowPath(userId));

    /// <summary>Follows a user and asserts the 204.</summary>
    public static async Task Follow(this HttpClient client, string userId)
    {
        using var response = await client.PutFollow(userId);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Unfollows a user and asserts the 204.</summary>
    public static async Task Unfollow(this HttpClient client, string userId)
    {
        using var response = await client.DeleteFollow(userId);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> Rename(this HttpClient client, string? displayName) =>
        client.PatchAsJsonAsync(Api.MePath, new { displayName });

    /// <summary>A timeline path with the paging parameters that are given.</summary>
    public static string Paged(string path, string? cursor = null, int? limit = null)
    {
        var query = new List<string>();
        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value.ToString(CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>Reads one timeline page, asserting a 200.</summary>
    public static async Task<TimelinePage> Page(this HttpClient client, string path, string? cursor = null, int? limit = null)
    {
        using var response = await client.GetAsync(Paged(path, cursor, limit));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return TimelinePage.From(JsonDocument.Parse(body).RootElement);
    }

    /// <summary>Follows nextCursor from the first page to the last and returns every item in the order served.</summary>
    public static async Task<List<TweetItem>> Walk(this HttpClient client, string path, int limit)
    {
        var items = new List<TweetItem>();
        string? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await client.Page(path, cursor, limit);
            page.Items.Count.Should().BeLessThanOrEqualTo(limit);
            items.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return items;
            }

            page.Items.Should().NotBeEmpty("a page with a next cursor has items");
            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("The timeline never ended.");
    }

    /// <summary>One tweet by id, asserting a 200.</summary>
    public static async Task<TweetItem> GetTweet(this HttpClient client, long id)
    {
        using var response = await client.GetAsync(Tweet(id));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return TweetItem.From(JsonDocument.Parse(body).RootElement);
    }

    /// <summary>A user's stats, asserting a 200.</summary>
    public static async Task<JsonElement> GetStats(this HttpClient client, string userId)
    {
        using var response = await client.GetAsync(Stats(userId));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>A tweet as the API shows it.</summary>
public sealed record TweetItem(long Id, string Text, DateTimeOffset PostedAt, string AuthorId, string AuthorName)
{
    public static TweetItem From(JsonElement tweet)
    {
        var author = tweet.GetProperty("author");
        return new(
            tweet.GetProperty("id").GetInt64(),
            tweet.GetProperty("text").GetString()!,
            tweet.GetProperty("postedAt").GetDateTimeOffset(),
            author.GetProperty("id").GetString()!,
            author.GetProperty("displayName").GetString()!);
    }
}

/// <summary>One page of a timeline.</summary>
public sealed record TimelinePage(IReadOnlyList<TweetItem> Items, string? NextCursor)
{
    public static TimelinePage From(JsonElement page)
    {
        var next = page.GetProperty("nextCursor");
        return new(
            [.. page.GetProperty("items").EnumerateArray().Select(TweetItem.From)],
            next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }
}

/// <summary>
/// A Host that counts the <see cref="GetUserSummaries"/> requests sent through its mediator (a pipeline behavior
/// added only here), can make them fail as if the Users module were down, and records every <see cref="TweetPosted"/>.
/// </summary>
public sealed class TweetsHost : HostFactory
{
    public TweetsHost() => Posted = Record<TweetPosted>();

    public SummaryCalls SummaryCalls { get; } = new();

    public PublishedNotifications<TweetPosted> Posted { get; }

    /// <summary>While on, every <see cref="GetUserSummaries"/> sent through the mediator throws.</summary>
    public UsersOutage UsersOutage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(SummaryCalls);
            services.AddScoped<IPipelineBehavior<GetUserSummaries, IReadOnlyList<UserSummary>>, CountingSummaryCalls>();
            services.AddSingleton(UsersOutage);
            services.AddScoped<IPipelineBehavior<GetUserSummaries, IReadOnlyList<UserSummary>>, FailingSummaryCalls>();
        });
    }
}

/// <summary>How many <see cref="GetUserSummaries"/> requests have been sent through the mediator.</summary>
public sealed class SummaryCalls
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

internal sealed class CountingSummaryCalls(SummaryCalls calls) : IPipelineBehavior<GetUserSummaries, IReadOnlyList<UserSummary>>
{
    public Task<IReadOnlyList<UserSummary>> Handle(
        GetUserSummaries request, CancellationToken cancellationToken, RequestHandlerDelegate<IReadOnlyList<UserSummary>> next)
    {
        calls.Increment();
        return next();
    }
}

/// <summary>A switch that makes the Users module's <see cref="GetUserSummaries"/> contract fail while it is on.</summary>
public sealed class UsersOutage
{
    private int on;

    public bool IsOn => Volatile.Read(ref on) == 1;

    /// <summary>Turns the outage on until the returned object is disposed.</summary>
    public IDisposable Begin()
    {
        Volatile.Write(ref on, 1);
        return new End(this);
    }

    private sealed class End(UsersOutage outage) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref outage.on, 0);
    }
}

internal sealed class FailingSummaryCalls(UsersOutage outage) : IPipelineBehavior<GetUserSummaries, IReadOnlyList<UserSummary>>
{
    public Task<IReadOnlyList<UserSummary>> Handle(
        GetUserSummaries request, CancellationToken cancellationToken, RequestHandlerDelegate<IReadOnlyList<UserSummary>> next) =>
        outage.IsOn ? throw new InvalidOperationException("The Users module is unavailable (a test outage).") : next();
}
