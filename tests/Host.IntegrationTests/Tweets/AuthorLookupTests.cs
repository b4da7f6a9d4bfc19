using ModuleKit.Paging;
using Users.Contracts;

namespace Host.IntegrationTests.Tweets;

/// <summary>
/// Authors are named with one <see cref="GetUserSummaries"/> call per page, whatever its size or number of
/// authors, and none for an empty page. The calls are counted by a pipeline behavior only this host adds.
/// </summary>
public sealed class AuthorLookupTests(TweetsHost host) : IClassFixture<TweetsHost>, IAsyncLifetime
{
    private const int TweetsPerAuthor = 5;

    private readonly HttpClient anonymous = host.CreateApiClient();
    private readonly List<string> authors = [];
    private HttpClient viewer = null!;

    public async Task InitializeAsync()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            var (id, _, client) = await host.SignedInUser();
            authors.Add(id);
            clients.Add(client);
        }

        for (var round = 0; round < TweetsPerAuthor; round++)
        {
            foreach (var client in clients)
            {
                await client.PostTweet($"round {round}");
            }
        }

        (_, _, viewer) = await host.SignedInUser();
        foreach (var author in authors)
        {
            await viewer.Follow(author);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_counter_sees_a_GetUserSummaries_sent_through_the_mediator_so_the_counts_below_mean_something()
    {
        var before = host.SummaryCalls.Count;

        await host.Send(new GetUserSummaries([authors[0]]));

        host.SummaryCalls.Count.Should().Be(before + 1);
    }

    [Fact]
    public async Task A_global_timeline_page_of_many_tweets_by_three_authors_makes_exactly_one_call()
    {
        var page = await CountingCalls(() => anonymous.Page(TweetsApi.Tweets, limit: 3 * TweetsPerAuthor), expected: 1);

        page.Items.Should().HaveCountGreaterThanOrEqualTo(10);
        page.Items.Select(t => t.AuthorId).Distinct().Should().HaveCountGreaterThanOrEqualTo(3);
        page.Items.Should().OnlyContain(t => t.AuthorName == Api.DefaultDisplayName);
    }

    [Fact]
    public async Task A_default_sized_global_page_makes_exactly_one_call()
    {
        await CountingCalls(() => anonymous.Page(TweetsApi.Tweets), expected: 1);
    }

    [Fact]
    public async Task A_home_timeline_page_of_many_tweets_by_three_authors_makes_exactly_one_call()
    {
        var page = await CountingCalls(() => viewer.Page(TweetsApi.Home, limit: 3 * TweetsPerAuthor), expected: 1);

        page.Items.Should().HaveCount(3 * TweetsPerAuthor);
        page.Items.Select(t => t.AuthorId).Distinct().Should().BeEquivalentTo(authors);
    }

    [Fact]
    public async Task A_second_home_timeline_page_makes_exactly_one_call_too()
    {
        var first = await viewer.Page(TweetsApi.Home, limit: 4);

        var second = await CountingCalls(() => viewer.Page(TweetsApi.Home, first.NextCursor, 11), expected: 1);

        second.Items.Should().HaveCount(11);
        second.Items.Select(t => t.AuthorId).Distinct().Should().HaveCount(3);
    }

    [Fact]
    public async Task A_user_timeline_page_of_many_tweets_makes_exactly_one_call()
    {
        var (id, _, client) = await host.SignedInUser();
        await client.PostTweets(12);

        var page = await CountingCalls(() => anonymous.Page(TweetsApi.UserTweets(id)), expected: 1);

        page.Items.Should().HaveCount(12);
    }

    [Fact]
    public async Task An_empty_global_page_makes_no_call()
    {
        var page = await CountingCalls(() => anonymous.Page(TweetsApi.Tweets, Cursor.After(1)), expected: 0);

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_home_timeline_makes_no_call()
    {
        var (_, _, loner) = await host.SignedInUser();

        var page = await CountingCalls(() => loner.Page(TweetsApi.Home), expected: 0);

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_user_timeline_makes_no_call()
    {
        var (id, _, _) = await host.SignedInUser();

        var page = await CountingCalls(() => anonymous.Page(TweetsApi.UserTweets(id)), expected: 0);

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Getting_one_tweet_makes_exactly_one_call()
    {
        var (_, _, client) = await host.SignedInUser();
        var tweetId = await client.PostTweet("single");

        await CountingCalls(() => anonymous.GetTweet(tweetId), expected: 1);
    }

    // Tests in one class run one at a time, so the only requests during the action are the action's own.
    private async Task<T> CountingCalls<T>(Func<Task<T>> action, int expected)
    {
        // New users reach the Tweets member list through UserRegistered, after their sign-up answered; until then
        // Tweets would rightly ask the Users contract about them.
        await host.EventsDelivered();
        var before = host.SummaryCalls.Count;

        var result = await action();

        host.SummaryCalls.Count.Should().Be(before + expected);
        return result;
    }
}
