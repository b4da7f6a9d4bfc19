using Tweets.Application;

namespace Host.IntegrationTests.Tweets;

/// <summary>A tweet shows its author's current display name, asked of the Users module, never a stale copy.</summary>
public sealed class AuthorNameTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task After_a_rename_the_same_tweet_shows_the_new_name_everywhere()
    {
        var (id, _, author) = await host.SignedInUser();
        var (_, _, follower) = await host.SignedInUser();
        await follower.Follow(id);
        var tweetId = await author.PostTweet("who wrote this?");
        (await anonymous.GetTweet(tweetId)).AuthorName.Should().Be(Api.DefaultDisplayName);

        using (var renamed = await author.Rename("Brand New Name"))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        }

        (await anonymous.GetTweet(tweetId)).AuthorName.Should().Be("Brand New Name");
        (await anonymous.Walk(TweetsApi.Tweets, 100)).Should().ContainSingle(t => t.Id == tweetId)
            .Which.AuthorName.Should().Be("Brand New Name");
        (await anonymous.Page(TweetsApi.UserTweets(id))).Items.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Id = tweetId, AuthorId = id, AuthorName = "Brand New Name" });
        (await follower.Page(TweetsApi.Home)).Items.Should().ContainSingle()
            .Which.AuthorName.Should().Be("Brand New Name");
    }

    [Fact]
    public async Task A_tweet_posted_after_a_rename_carries_the_new_name_in_the_201()
    {
        var (_, _, author) = await host.SignedInUser();
        using (var renamed = await author.Rename("Renamed Early"))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await author.Post("fresh");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.Json()).GetProperty("author").GetProperty("displayName").GetString().Should().Be("Renamed Early");
    }

    [Fact]
    public async Task Each_tweet_on_a_page_shows_its_own_authors_name_and_id_in_the_chosen_casing()
    {
        var anonymousSignUp = host.CreateApiClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Api.NewId($"Named{i}");
            using var signUp = await anonymousSignUp.SignUp(id, displayName: $"Author number {i}");
            signUp.StatusCode.Should().Be(HttpStatusCode.Created);
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            var client = host.CreateApiClient(await anonymousSignUp.TokenFor(id));
            await client.PostTweet($"by {id}");
        }

        var page = await anonymous.Page(TweetsApi.Tweets, limit: 3);

        page.Items.Select(t => (t.Text, t.AuthorId, t.AuthorName)).Should().Equal(
            ($"by {ids[2]}", ids[2], "Author number 2"),
            ($"by {ids[1]}", ids[1], "Author number 1"),
            ($"by {ids[0]}", ids[0], "Author number 0"));
    }
}
