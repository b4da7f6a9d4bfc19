namespace Host.IntegrationTests.Idempotency;

/// <summary>
/// A state-changing request with an <c>Idempotency-Key</c> runs once per caller and key; a repeat gets the first
/// answer. Without the header nothing changes.
/// </summary>
public sealed class IdempotencyKeyTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Repeating_a_keyed_post_returns_the_remembered_answer_and_stores_one_tweet()
    {
        var (id, _, client) = await host.SignedInUser();
        var key = Keyed.NewKey();

        using var first = await client.PostTweet(key, "Once only");
        using var repeat = await client.PostTweet(key, "Once only");

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        first.WasReplayed().Should().BeFalse();
        repeat.StatusCode.Should().Be(HttpStatusCode.Created);
        repeat.WasReplayed().Should().BeTrue();
        repeat.Headers.Location.Should().Be(first.Headers.Location);
        repeat.Content.Headers.ContentType.Should().Be(first.Content.Headers.ContentType);
        (await repeat.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await client.TweetCount(id)).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_requests_with_the_same_key_store_one_tweet_and_all_get_its_answer()
    {
        var (id, _, client) = await host.SignedInUser();
        var key = Keyed.NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostTweet(key, "Raced")));

        var bodies = new List<string>();
        foreach (var response in responses)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            bodies.Add(await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        bodies.Distinct().Should().ContainSingle("every twin gets the one stored answer");
        responses.Count(r => !r.WasReplayed()).Should().Be(1);
        (await client.TweetCount(id)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_a_422_problem()
    {
        var (id, _, client) = await host.SignedInUser();
        var key = Keyed.NewKey();
        using var first = await client.PostTweet(key, "The first text");

        using var other = await client.PostTweet(key, "Another text");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await other.Json()).GetProperty("type").GetString().Should().Be("urn:problem:idempotency-key-reused");
        (await client.TweetCount(id)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_on_another_route_is_refused_with_a_422_problem()
    {
        var (_, _, client) = await host.SignedInUser();
        var (other, _, _) = await host.SignedInUser();
        var key = Keyed.NewKey();
        using var first = await client.PostTweet(key, "Keyed");

        using var follow = await client.Send(HttpMethod.Put, TweetsApi.FollowPath(other), key);

        follow.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Another_user_with_the_same_key_and_body_gets_an_answer_of_their_own()
    {
        var (alice, _, aliceClient) = await host.SignedInUser();
        var (bob, _, bobClient) = await host.SignedInUser();
        var key = Keyed.NewKey();

        using var fromAlice = await aliceClient.PostTweet(key, "Same words");
        using var fromBob = await bobClient.PostTweet(key, "Same words");

        fromBob.StatusCode.Should().Be(HttpStatusCode.Created);
        fromBob.WasReplayed().Should().BeFalse();
        fromBob.Headers.Location.Should().NotBe(fromAlice.Headers.Location);
        (await fromBob.Json()).GetProperty("author").GetProperty("id").GetString().Should().Be(bob);
        (await aliceClient.TweetCount(alice)).Should().Be(1);
        (await bobClient.TweetCount(bob)).Should().Be(1);
    }

    [Fact]
    public async Task Without_a_key_the_same_post_twice_stores_two_tweets()
    {
        var (id, _, client) = await host.SignedInUser();

        using var first = await client.Post("Twice");
        using var second = await client.Post("Twice");

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.WasReplayed().Should().BeFalse();
        second.Headers.Location.Should().NotBe(first.Headers.Location);
        (await client.TweetCount(id)).Should().Be(2);
    }

    [Fact]
    public async Task A_refused_request_is_not_remembered_so_its_key_can_carry_the_corrected_request()
    {
        var (id, _, client) = await host.SignedInUser();
        var key = Keyed.NewKey();

        using var refused = await client.PostTweet(key, new string('x', 281));
        using var corrected = await client.PostTweet(key, "Short enough");

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        corrected.StatusCode.Should().Be(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        (await client.TweetCount(id)).Should().Be(1);
    }

    [Fact]
    public async Task Repeating_a_keyed_delete_returns_its_204_again_instead_of_a_404()
    {
        var (_, _, client) = await host.SignedInUser();
        var tweet = await client.PostTweet("Soon gone");
        var key = Keyed.NewKey();

        using var first = await client.Send(HttpMethod.Delete, TweetsApi.Tweet(tweet), key);
        using var repeat = await client.Send(HttpMethod.Delete, TweetsApi.Tweet(tweet), key);
        using var unkeyed = await client.DeleteAsync(new Uri(TweetsApi.Tweet(tweet), UriKind.Relative));

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        repeat.StatusCode.Should().Be(HttpStatusCode.NoContent);
        repeat.WasReplayed().Should().BeTrue();
        unkeyed.StatusCode.Should().Be(HttpStatusCode.NotFound, "without the key the delete runs again");
    }

    [Fact]
    public async Task A_keyed_sign_up_creates_one_account_and_repeats_its_201()
    {
        var anonymous = host.CreateApiClient();
        var id = Api.NewId("keyed");
        var key = Keyed.NewKey();
        var body = new { id, password = Api.DefaultPassword, displayName = "Keyed" };

        using var first = await anonymous.Send(HttpMethod.Post, Api.Users, key, JsonContent.Create(body));
        using var repeat = await anonymous.Send(HttpMethod.Post, Api.Users, key, JsonContent.Create(body));
        using var unkeyed = await anonymous.SignUp(id);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        repeat.StatusCode.Should().Be(HttpStatusCode.Created);
        repeat.WasReplayed().Should().BeTrue();
        unkeyed.StatusCode.Should().Be(HttpStatusCode.Conflict, "the account exists once");
    }

    [Theory]
    [InlineData("")]
    [InlineData("del\u007F")]
    [InlineData("tab\tinside")]
    public async Task A_key_that_is_not_printable_ASCII_is_refused_with_a_400_problem(string key)
    {
        var (id, _, client) = await host.SignedInUser();
        using var content = JsonContent.Create(new { text = "Keyed badly" });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(TweetsApi.Tweets, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation(Keyed.Header, key);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Json()).GetProperty("type").GetString().Should().Be("urn:problem:invalid-idempotency-key");
        (await client.TweetCount(id)).Should().Be(0);
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_is_refused_with_a_400_problem()
    {
        var (_, _, client) = await host.SignedInUser();

        using var longest = await client.PostTweet(new string('k', 200), "Long key");
        using var tooLong = await client.PostTweet(new string('k', 201), "Long key");

        longest.StatusCode.Should().Be(HttpStatusCode.Created);
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
