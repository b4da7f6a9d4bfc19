namespace Host.IntegrationTests.Tweets;

/// <summary>Following, the home timeline it feeds, and a user's stats.</summary>
public sealed class FollowTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task The_home_timeline_holds_my_tweets_and_my_followees_but_not_strangers_newest_first()
    {
        var (_, _, me) = await host.SignedInUser();
        var (followee, _, followeeClient) = await host.SignedInUser();
        var (_, _, stranger) = await host.SignedInUser();
        await me.Follow(followee);
        var mine1 = await me.PostTweet("mine 1");
        var theirs1 = await followeeClient.PostTweet("followee 1");
        await stranger.PostTweet("stranger 1");
        var mine2 = await me.PostTweet("mine 2");
        await stranger.PostTweet("stranger 2");
        var theirs2 = await followeeClient.PostTweet("followee 2");

        var home = await me.Page(TweetsApi.Home);

        home.Items.Select(t => t.Id).Should().Equal(theirs2, mine2, theirs1, mine1);
        home.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task Tweets_posted_before_the_follow_show_on_the_home_timeline_too()
    {
        var (_, _, me) = await host.SignedInUser();
        var (followee, _, followeeClient) = await host.SignedInUser();
        var old = await followeeClient.PostTweet("before you followed");

        await me.Follow(followee);

        (await me.Page(TweetsApi.Home)).Items.Select(t => t.Id).Should().Equal(old);
    }

    [Fact]
    public async Task Unfollowing_removes_their_tweets_from_the_home_timeline()
    {
        var (_, _, me) = await host.SignedInUser();
        var (followee, _, followeeClient) = await host.SignedInUser();
        await me.Follow(followee);
        await followeeClient.PostTweet("you will stop seeing this");
        var mine = await me.PostTweet("mine stays");
        (await me.Page(TweetsApi.Home)).Items.Should().HaveCount(2);

        await me.Unfollow(followee);

        (await me.Page(TweetsApi.Home)).Items.Select(t => t.Id).Should().Equal(mine);
    }

    [Fact]
    public async Task The_home_timeline_pages_by_cursor_without_repeats_or_gaps()
    {
        var (_, _, me) = await host.SignedInUser();
        var (a, _, aClient) = await host.SignedInUser();
        var (b, _, bClient) = await host.SignedInUser();
        var (_, _, stranger) = await host.SignedInUser();
        await me.Follow(a);
        await me.Follow(b);
        var expected = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            expected.Add(await aClient.PostTweet($"a {i}"));
            await stranger.PostTweet($"stranger {i}");
            expected.Add(await bClient.PostTweet($"b {i}"));
            expected.Add(await me.PostTweet($"me {i}"));
        }

        var walked = await me.Walk(TweetsApi.Home, 4);

        walked.Select(t => t.Id).Should().Equal(Enumerable.Reverse(expected));
    }

    [Fact]
    public async Task A_new_user_who_follows_nobody_has_an_empty_home_timeline()
    {
        var (_, _, me) = await host.SignedInUser();
        var (_, _, other) = await host.SignedInUser();
        await other.PostTweet("not followed");

        var home = await me.Page(TweetsApi.Home);

        home.Items.Should().BeEmpty();
        home.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task The_home_timeline_without_a_token_is_a_401_problem()
    {
        using var response = await anonymous.GetAsync(TweetsApi.Home);

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Following_twice_is_204_both_times_and_counts_once()
    {
        var (_, _, me) = await host.SignedInUser();
        var (followee, _, followeeClient) = await host.SignedInUser();
        await followeeClient.PostTweet("once");

        using var first = await me.PutFollow(followee);
        using var second = await me.PutFollow(followee.ToUpperInvariant());

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        second.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await anonymous.GetStats(followee)).GetProperty("followers").GetInt32().Should().Be(1);
        (await me.Page(TweetsApi.Home)).Items.Should().ContainSingle("following twice must not show a tweet twice");
    }

    [Fact]
    public async Task Unfollowing_someone_not_followed_is_204_and_changes_nothing()
    {
        var (_, _, me) = await host.SignedInUser();
        var (other, _, _) = await host.SignedInUser();

        using var first = await me.DeleteFollow(other);
        using var second = await me.DeleteFollow(other);

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        second.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await anonymous.GetStats(other)).GetProperty("followers").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Unfollowing_by_an_id_in_another_casing_unfollows()
    {
        var (_, _, me) = await host.SignedInUser();
        var (followee, _, _) = await host.SignedInUser(Api.NewId("CasedFollowee"));
        await me.Follow(followee);

        await me.Unfollow(followee.ToLowerInvariant());

        (await anonymous.GetStats(followee)).GetProperty("followers").GetInt32().Should().Be(0);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("upper")]
    [InlineData("lower")]
    public async Task Following_yourself_is_a_400_validation_problem_on_userId(string casing)
    {
        var (id, _, me) = await host.SignedInUser(Api.NewId("SelfFan"));
        var asked = casing switch
        {
            "upper" => id.ToUpperInvariant(),
            "lower" => id.ToLowerInvariant(),
            _ => id,
        };

        using var response = await me.PutFollow(asked);

        await response.ShouldBeValidationProblem("userId");
        (await anonymous.GetStats(id)).GetProperty("followers").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Following_or_unfollowing_an_unknown_user_is_a_404_problem()
    {
        var (_, _, me) = await host.SignedInUser();
        var ghost = Api.NewId("ghost");

        using var follow = await me.PutFollow(ghost);
        using var unfollow = await me.DeleteFollow(ghost);

        (await follow.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)).GetProperty("detail").GetString().Should().Contain(ghost);
        await unfollow.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Following_or_unfollowing_without_a_token_is_a_401_problem()
    {
        var (other, _, _) = await host.SignedInUser();

        using var follow = await anonymous.PutFollow(other);
        using var unfollow = await anonymous.DeleteFollow(other);

        await follow.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await unfollow.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        (await anonymous.GetStats(other)).GetProperty("followers").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Stats_count_tweets_followers_and_following()
    {
        var (alice, _, aliceClient) = await host.SignedInUser();
        var (_, _, bob) = await host.SignedInUser();
        var (_, _, carol) = await host.SignedInUser();
        var (dave, _, _) = await host.SignedInUser();
        await aliceClient.PostTweets(3);
        var deleted = await aliceClient.PostTweet("deleted");
        using (var response = await aliceClient.DeleteAsync(TweetsApi.Tweet(deleted)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await bob.Follow(alice);
        await carol.Follow(alice);
        await aliceClient.Follow(dave);

        var stats = await anonymous.GetStats(alice);

        stats.GetProperty("userId").GetString().Should().Be(alice);
        stats.GetProperty("tweets").GetInt32().Should().Be(3);
        stats.GetProperty("followers").GetInt32().Should().Be(2);
        stats.GetProperty("following").GetInt32().Should().Be(1);
        var daveStats = await anonymous.GetStats(dave);
        daveStats.GetProperty("followers").GetInt32().Should().Be(1);
        daveStats.GetProperty("following").GetInt32().Should().Be(0);
        daveStats.GetProperty("tweets").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task FollowedByYou_is_true_for_a_follower_false_for_others_and_null_when_anonymous()
    {
        var (alice, _, aliceClient) = await host.SignedInUser();
        var (_, _, follower) = await host.SignedInUser();
        var (_, _, stranger) = await host.SignedInUser();
        await follower.Follow(alice);

        (await follower.GetStats(alice)).GetProperty("followedByYou").GetBoolean().Should().BeTrue();
        (await stranger.GetStats(alice)).GetProperty("followedByYou").GetBoolean().Should().BeFalse();
        (await aliceClient.GetStats(alice)).GetProperty("followedByYou").GetBoolean().Should().BeFalse();
        var anonymousStats = await anonymous.GetStats(alice);
        anonymousStats.TryGetProperty("followedByYou", out var followedByYou).Should().BeTrue("the field is always present");
        followedByYou.ValueKind.Should().Be(JsonValueKind.Null);

        await follower.Unfollow(alice);

        (await follower.GetStats(alice)).GetProperty("followedByYou").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Stats_find_the_user_in_any_casing_and_report_the_chosen_casing()
    {
        var (id, _, client) = await host.SignedInUser(Api.NewId("StatsCase"));
        await client.PostTweet("one");

        var stats = await anonymous.GetStats(id.ToLowerInvariant());

        stats.GetProperty("userId").GetString().Should().Be(id);
        stats.GetProperty("tweets").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Stats_of_an_unknown_user_are_a_404_problem()
    {
        using var response = await anonymous.GetAsync(TweetsApi.Stats(Api.NewId("ghost")));

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
