using System.Buffers.Text;
using System.Text;

namespace Host.IntegrationTests.Tweets;

/// <summary>The global and per-user timelines: newest first, cursor paging that neither repeats nor skips.</summary>
public sealed class TimelineTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient anonymous = host.CreateApiClient();

    public static TheoryData<string> BadCursors =>
    [
        "garbage!",
        "abc",
        "k:12",
        Encode("k:0"),
        Encode("k:-5"),
        Encode("x:12"),
        Encode("k:12abc"),
        Encode("k: 12"),
        Encode("k:99999999999999999999"),
        new string('A', 65),
    ];

    [Fact]
    public async Task The_global_timeline_is_newest_first()
    {
        var (_, _, alice) = await host.SignedInUser();
        var (_, _, bob) = await host.SignedInUser();
        var first = await alice.PostTweet("first");
        var second = await bob.PostTweet("second");
        var third = await alice.PostTweet("third");

        var page = await anonymous.Page(TweetsApi.Tweets);

        page.Items.Select(t => t.Id).Should().BeInDescendingOrder();
        page.Items.Take(3).Select(t => t.Text).Should().Equal("third", "second", "first");
        page.Items.Take(3).Select(t => t.Id).Should().Equal(third, second, first);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task Walking_a_user_timeline_by_cursor_returns_every_tweet_exactly_once_newest_first(int limit)
    {
        var (id, _, client) = await host.SignedInUser();
        var posted = await client.PostTweets(23);

        var walked = await anonymous.Walk(TweetsApi.UserTweets(id), limit);

        walked.Select(t => t.Id).Should().Equal(Enumerable.Reverse(posted));
    }

    [Fact]
    public async Task Walking_the_global_timeline_by_cursor_gives_the_same_tweets_whatever_the_page_size()
    {
        var (_, _, client) = await host.SignedInUser();
        var posted = await client.PostTweets(17);

        var bySmallPages = await anonymous.Walk(TweetsApi.Tweets, 3);
        var byLargePages = await anonymous.Walk(TweetsApi.Tweets, 100);

        bySmallPages.Select(t => t.Id).Should().OnlyHaveUniqueItems().And.BeInDescendingOrder();
        bySmallPages.Select(t => t.Id).Should().Equal(byLargePages.Select(t => t.Id));
        bySmallPages.Select(t => t.Id).Intersect(posted).Should().Equal(Enumerable.Reverse(posted));
    }

    [Fact]
    public async Task Page_two_continues_right_after_page_one_even_when_tweets_are_posted_in_between()
    {
        var (id, _, client) = await host.SignedInUser();
        var posted = await client.PostTweets(12);
        var newestFirst = Enumerable.Reverse(posted).ToList();

        var pageOne = await anonymous.Page(TweetsApi.UserTweets(id), limit: 5);
        var later = await client.PostTweets(3, "later");
        var pageTwo = await anonymous.Page(TweetsApi.UserTweets(id), pageOne.NextCursor, 5);
        var pageThree = await anonymous.Page(TweetsApi.UserTweets(id), pageTwo.NextCursor, 5);

        pageOne.Items.Select(t => t.Id).Should().Equal(newestFirst.Take(5));
        pageTwo.Items.Select(t => t.Id).Should().Equal(newestFirst.Skip(5).Take(5), "new tweets must not shift the pages a client is reading");
        pageThree.Items.Select(t => t.Id).Should().Equal(newestFirst.Skip(10));
        pageThree.NextCursor.Should().BeNull();
        (await anonymous.Page(TweetsApi.UserTweets(id), limit: 3)).Items.Select(t => t.Id).Should().Equal(Enumerable.Reverse(later));
    }

    [Fact]
    public async Task Global_page_two_continues_right_after_page_one_even_when_tweets_are_posted_or_deleted_in_between()
    {
        var (_, _, client) = await host.SignedInUser();
        var posted = await client.PostTweets(10);
        var newestFirst = Enumerable.Reverse(posted).ToList();

        var pageOne = await anonymous.Page(TweetsApi.Tweets, limit: 4);
        await client.PostTweets(5, "interloper");
        using (var deleted = await client.DeleteAsync(TweetsApi.Tweet(newestFirst[3])))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var pageTwo = await anonymous.Page(TweetsApi.Tweets, pageOne.NextCursor, 4);

        pageOne.Items.Select(t => t.Id).Should().Equal(newestFirst.Take(4));
        pageTwo.Items.Select(t => t.Id).Should().Equal(newestFirst.Skip(4).Take(4), "deleting an item already seen must not shift the next page either");
    }

    [Fact]
    public async Task The_default_page_size_is_20()
    {
        var (id, _, client) = await host.SignedInUser();
        await client.PostTweets(21);

        var userPage = await anonymous.Page(TweetsApi.UserTweets(id));
        var globalPage = await anonymous.Page(TweetsApi.Tweets);

        userPage.Items.Should().HaveCount(20);
        userPage.NextCursor.Should().NotBeNull();
        globalPage.Items.Should().HaveCount(20);
        globalPage.NextCursor.Should().NotBeNull();
    }

    [Fact]
    public async Task A_limit_above_100_is_capped_at_100_not_refused()
    {
        var (id, _, client) = await host.SignedInUser();
        await PostInParallel(client, 101);

        var userPage = await anonymous.Page(TweetsApi.UserTweets(id), limit: 1000);
        var globalPage = await anonymous.Page(TweetsApi.Tweets, limit: int.MaxValue);
        var exactly = await anonymous.Page(TweetsApi.UserTweets(id), limit: 100);

        userPage.Items.Should().HaveCount(100);
        userPage.NextCursor.Should().NotBeNull();
        globalPage.Items.Should().HaveCount(100);
        exactly.Items.Should().HaveCount(100);
        (await anonymous.Page(TweetsApi.UserTweets(id), userPage.NextCursor, 1000)).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task The_last_page_has_a_null_next_cursor_and_a_page_that_fits_exactly_too()
    {
        var (id, _, client) = await host.SignedInUser();
        await client.PostTweets(4);

        var fits = await anonymous.Page(TweetsApi.UserTweets(id), limit: 4);
        var roomy = await anonymous.Page(TweetsApi.UserTweets(id), limit: 10);
        var firstOfTwo = await anonymous.Page(TweetsApi.UserTweets(id), limit: 2);
        var secondOfTwo = await anonymous.Page(TweetsApi.UserTweets(id), firstOfTwo.NextCursor, 2);

        fits.Items.Should().HaveCount(4);
        fits.NextCursor.Should().BeNull("no further tweet exists, so no cursor should promise one");
        roomy.NextCursor.Should().BeNull();
        firstOfTwo.NextCursor.Should().NotBeNull();
        secondOfTwo.Items.Should().HaveCount(2);
        secondOfTwo.NextCursor.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task A_limit_below_1_is_a_400_validation_problem_on_limit(int limit)
    {
        var (id, _, client) = await host.SignedInUser();

        foreach (var path in new[] { TweetsApi.Tweets, TweetsApi.UserTweets(id), TweetsApi.Home })
        {
            using var response = await client.GetAsync(TweetsApi.Paged(path, limit: limit));

            await response.ShouldBeValidationProblem("limit");
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task A_limit_that_is_not_a_whole_number_is_a_400_problem(string limit)
    {
        using var response = await anonymous.GetAsync($"{TweetsApi.Tweets}?limit={limit}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task A_cursor_the_API_did_not_give_out_is_a_400_validation_problem_on_cursor(string cursor)
    {
        var (id, _, client) = await host.SignedInUser();

        foreach (var path in new[] { TweetsApi.Tweets, TweetsApi.UserTweets(id), TweetsApi.Home })
        {
            using var response = await client.GetAsync(TweetsApi.Paged(path, cursor));

            await response.ShouldBeValidationProblem("cursor");
        }
    }

    [Fact]
    public async Task A_user_timeline_holds_only_that_users_tweets()
    {
        var (alice, _, aliceClient) = await host.SignedInUser();
        var (_, _, bobClient) = await host.SignedInUser();
        await aliceClient.PostTweet("alice 1");
        await bobClient.PostTweet("bob 1");
        await aliceClient.PostTweet("alice 2");

        var page = await anonymous.Page(TweetsApi.UserTweets(alice));

        page.Items.Select(t => t.Text).Should().Equal("alice 2", "alice 1");
        page.Items.Should().OnlyContain(t => t.AuthorId == alice);
        page.NextCursor.Should().BeNull();
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("lower")]
    public async Task A_user_timeline_finds_the_user_by_id_in_any_casing(string casing)
    {
        var (id, _, client) = await host.SignedInUser(Api.NewId("TimeLine"));
        await client.PostTweet("cased");
        var asked = casing == "upper" ? id.ToUpperInvariant() : id.ToLowerInvariant();

        var page = await anonymous.Page(TweetsApi.UserTweets(asked));

        page.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Text = "cased", AuthorId = id });
    }

    [Fact]
    public async Task A_new_user_has_an_empty_timeline_not_a_404()
    {
        var (id, _, _) = await host.SignedInUser();

        var page = await anonymous.Page(TweetsApi.UserTweets(id));

        page.Items.Should().BeEmpty();
        page.NextCursor.Should().BeNull();
    }

    public static TheoryData<string> UnknownUserIds => ["nobody_here_xyz", "not an id!", " ", new string('a', 600)];

    [Theory]
    [MemberData(nameof(UnknownUserIds))]
    public async Task The_timeline_of_an_unknown_user_is_a_404_problem(string userId)
    {
        using var response = await anonymous.GetAsync(TweetsApi.UserTweets(Uri.EscapeDataString(userId)));

        var problem = await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain(userId.Length > 64 ? userId[..64] + "…" : userId);
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

    private static async Task PostInParallel(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in Enumerable.Range(1, count).Chunk(10))
        {
            var responses = await Task.WhenAll(chunk.Select(i => client.Post($"bulk {i}")));
            statuses.AddRange(responses.Select(r => r.StatusCode));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.Created));
    }
}
