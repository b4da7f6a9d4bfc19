using FluentValidation;
using Tweets.Contracts;

namespace Host.IntegrationTests.Tweets;

/// <summary>What Tweets hears from Users (UserRegistered), what others may ask it (GetTweetCount) and hear (TweetPosted).</summary>
public sealed class TweetsContractTests(TweetsHost host) : IClassFixture<TweetsHost>
{
    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task A_user_who_just_signed_up_can_be_followed_and_has_a_user_page_and_stats()
    {
        var (_, _, follower) = await host.SignedInUser();
        var newcomer = await anonymous.SignUpNew();

        await follower.Follow(newcomer);
        var page = await anonymous.Page(TweetsApi.UserTweets(newcomer));
        var stats = await anonymous.GetStats(newcomer);

        page.Items.Should().BeEmpty();
        stats.GetProperty("userId").GetString().Should().Be(newcomer);
        stats.GetProperty("followers").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_new_user_is_known_from_UserRegistered_without_asking_the_Users_contract()
    {
        var newcomer = await anonymous.SignUpNew();
        await host.EventsDelivered();
        var before = host.SummaryCalls.Count;

        var page = await anonymous.Page(TweetsApi.UserTweets(newcomer));

        page.Items.Should().BeEmpty();
        host.SummaryCalls.Count.Should().Be(before, "the member list was fed by the event, so no fallback lookup is needed");
    }

    [Fact]
    public async Task GetTweetCount_counts_a_users_tweets_in_any_casing_and_leaves_out_deleted_ones()
    {
        var (id, _, client) = await host.SignedInUser(Api.NewId("Counted"));
        var (_, _, other) = await host.SignedInUser();
        var tweets = await client.PostTweets(3);
        await other.PostTweet("not counted");
        using (var deleted = await client.DeleteAsync(TweetsApi.Tweet(tweets[0])))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await host.Send(new GetTweetCount(id))).Should().Be(2);
        (await host.Send(new GetTweetCount(id.ToUpperInvariant()))).Should().Be(2);
        (await host.Send(new GetTweetCount(id.ToLowerInvariant()))).Should().Be(2);
    }

    [Fact]
    public async Task GetTweetCount_of_a_user_who_never_posted_or_does_not_exist_is_0()
    {
        var (id, _, _) = await host.SignedInUser();

        (await host.Send(new GetTweetCount(id))).Should().Be(0);
        (await host.Send(new GetTweetCount(Api.NewId("ghost")))).Should().Be(0);
    }

    [Fact]
    public async Task GetTweetCount_of_an_empty_id_throws_a_ValidationException()
    {
        var asking = () => host.Send(new GetTweetCount(string.Empty));

        (await asking.Should().ThrowAsync<ValidationException>())
            .Which.Errors.Should().ContainSingle(e => e.PropertyName == nameof(GetTweetCount.UserId));
    }

    [Fact]
    public async Task Posting_publishes_TweetPosted_once_per_tweet_with_what_was_stored()
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.Post("  announced \r\n tweet ");
        var second = await client.PostTweet("second");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = TweetItem.From(await response.Json());
        await host.EventsDelivered();
        var posted = host.Posted.All.Should().ContainSingle(p => p.TweetId == created.Id).Subject;
        posted.AuthorId.Should().Be(id);
        posted.Text.Should().Be("announced \n tweet");
        posted.PostedAt.Should().Be(created.PostedAt);
        host.Posted.All.Should().ContainSingle(p => p.TweetId == second).Which.Text.Should().Be("second");
        host.Posted.All.Where(p => p.AuthorId == id).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_refused_or_unauthenticated_post_publishes_nothing()
    {
        var (id, _, client) = await host.SignedInUser();

        using var invalid = await client.Post("   ");
        using var unauthenticated = await anonymous.Post("who am I");

        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await host.EventsDelivered();
        host.Posted.All.Should().NotContain(p => p.AuthorId == id || p.Text == "who am I");
    }

    [Fact]
    public async Task Deleting_a_tweet_publishes_no_further_TweetPosted()
    {
        var (id, _, client) = await host.SignedInUser();
        var tweetId = await client.PostTweet("posted then deleted");

        using var deleted = await client.DeleteAsync(TweetsApi.Tweet(tweetId));

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await host.EventsDelivered();
        host.Posted.All.Where(p => p.AuthorId == id).Should().ContainSingle();
    }
}
