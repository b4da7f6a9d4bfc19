namespace Host.IntegrationTests.Tweets;

/// <summary>DELETE /api/tweets/{id}: only the author may delete, and a deleted tweet is gone everywhere.</summary>
public sealed class DeleteTweetTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Deleting_your_own_tweet_returns_204_and_then_it_is_a_404()
    {
        var (id, _, client) = await host.SignedInUser();
        var tweetId = await client.PostTweet("soon gone");

        using var deleted = await client.DeleteAsync(TweetsApi.Tweet(tweetId));
        using var fetched = await client.GetAsync(TweetsApi.Tweet(tweetId));

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await fetched.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await client.Page(TweetsApi.UserTweets(id))).Items.Should().BeEmpty();
        (await client.Walk(TweetsApi.Tweets, 100)).Should().NotContain(t => t.Id == tweetId);
        (await client.GetStats(id)).GetProperty("tweets").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Deleting_a_tweet_twice_is_a_404_the_second_time()
    {
        var (_, _, client) = await host.SignedInUser();
        var tweetId = await client.PostTweet("once");

        using var first = await client.DeleteAsync(TweetsApi.Tweet(tweetId));
        using var second = await client.DeleteAsync(TweetsApi.Tweet(tweetId));

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await second.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Deleting_someone_elses_tweet_is_a_403_problem_and_the_tweet_stays()
    {
        var (_, _, author) = await host.SignedInUser();
        var (_, _, other) = await host.SignedInUser();
        var tweetId = await author.PostTweet("mine, not yours");

        using var response = await other.DeleteAsync(TweetsApi.Tweet(tweetId));

        await response.ShouldBeProblem(HttpStatusCode.Forbidden, TweetsApi.ForbiddenType);
        (await other.GetTweet(tweetId)).Text.Should().Be("mine, not yours");
    }

    [Fact]
    public async Task The_author_may_delete_with_a_token_for_their_id_in_another_casing()
    {
        var anonymous = host.CreateApiClient();
        var id = await anonymous.SignUpNew(Api.NewId("CaseAuthor"));
        var author = host.CreateApiClient(await anonymous.TokenFor(id));
        var tweetId = await author.PostTweet("casing");
        var sameUser = host.CreateApiClient(await anonymous.TokenFor(id.ToLowerInvariant()));

        using var response = await sameUser.DeleteAsync(TweetsApi.Tweet(tweetId));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Deleting_a_tweet_that_does_not_exist_is_a_404_problem()
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.DeleteAsync(TweetsApi.Tweet(long.MaxValue - 1));

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Deleting_without_a_token_is_a_401_problem_and_the_tweet_stays()
    {
        var (_, _, author) = await host.SignedInUser();
        var tweetId = await author.PostTweet("still here");

        using var response = await host.CreateApiClient().DeleteAsync(TweetsApi.Tweet(tweetId));

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        (await author.GetTweet(tweetId)).Text.Should().Be("still here");
    }
}
