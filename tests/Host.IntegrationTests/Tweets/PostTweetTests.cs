using System.Text.RegularExpressions;

namespace Host.IntegrationTests.Tweets;

/// <summary>POST /api/tweets and GET /api/tweets/{id}: what a tweet may contain and what the API answers.</summary>
public sealed class PostTweetTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string ThumbsUpMediumSkin = "\U0001F44D\U0001F3FD";
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";

    [Fact]
    public async Task Posting_a_tweet_returns_201_with_a_Location_that_gets_the_same_tweet()
    {
        var (id, _, client) = await host.SignedInUser();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await client.Post("Hello, world");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Json();
        var tweetId = created.GetProperty("id").GetInt64();
        tweetId.Should().BePositive();
        created.GetProperty("text").GetString().Should().Be("Hello, world");
        created.GetProperty("postedAt").GetDateTimeOffset().Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        created.GetProperty("author").GetProperty("id").GetString().Should().Be(id);
        created.GetProperty("author").GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
        response.Headers.Location.Should().NotBeNull();
        response.Headers.Location!.OriginalString.Should().Be(TweetsApi.Tweet(tweetId));

        using var fetched = await host.CreateApiClient().GetAsync(response.Headers.Location);

        fetched.StatusCode.Should().Be(HttpStatusCode.OK);
        TweetItem.From(await fetched.Json()).Should().Be(TweetItem.From(created));
    }

    [Fact]
    public async Task The_text_is_trimmed_before_it_is_stored()
    {
        var (_, _, client) = await host.SignedInUser();

        var id = await client.PostTweet("  \n spaces around \t \n ");

        (await client.GetTweet(id)).Text.Should().Be("spaces around");
    }

    [Fact]
    public async Task The_text_is_stored_composed_NFC()
    {
        var (_, _, client) = await host.SignedInUser();

        var id = await client.PostTweet("Rene\u0301e");

        (await client.GetTweet(id)).Text.Should().Be("Ren\u00E9e");
    }

    [Theory]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData(Family)]
    [InlineData("e\u0301")]
    [InlineData("a")]
    [InlineData("\u6F22")]
    public async Task A_tweet_of_280_user_perceived_characters_is_accepted_whatever_its_UTF16_length(string character)
    {
        var (_, _, client) = await host.SignedInUser();
        var text = string.Concat(Enumerable.Repeat(character, 280));

        var id = await client.PostTweet(text);

        (await client.GetTweet(id)).Text.Should().Be(text.Normalize(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData(Family)]
    [InlineData("e\u0301")]
    [InlineData("a")]
    public async Task A_tweet_of_281_user_perceived_characters_is_rejected_on_text(string character)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.Post(string.Concat(Enumerable.Repeat(character, 281)));

        var problem = await response.ShouldBeValidationProblem("text");
        problem.GetProperty("errors").GetProperty("text")[0].GetString().Should().Contain("280");
    }

    [Fact]
    public async Task A_huge_text_is_rejected_with_400_not_counted_at_length()
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.Post(new string('a', 100_000));

        await response.ShouldBeValidationProblem("text");
    }

    [Fact]
    public async Task A_character_buried_under_many_combining_marks_is_rejected()
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.Post("a" + new string('\u0301', 100));

        await response.ShouldBeValidationProblem("text");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \n  \r\n ")]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u200B \u200B ")]
    [InlineData("\u3000\u00A0")]
    public async Task An_empty_blank_or_invisible_tweet_is_rejected_on_text(string text)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.Post(text);

        await response.ShouldBeValidationProblem("text");
    }

    [Theory]
    [InlineData(@"a\tb")]
    [InlineData(@"a\u0000b")]
    [InlineData(@"a\rb")]
    [InlineData(@"line\n\rback")]
    [InlineData(@"a\u0007b")]
    [InlineData(@"a\u001Bb")]
    [InlineData(@"a\u007Fb")]
    [InlineData(@"a\u0085b")]
    public async Task Control_characters_other_than_line_breaks_are_rejected_on_text(string escaped)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.Post(Regex.Unescape(escaped));

        var problem = await response.ShouldBeValidationProblem("text");
        problem.GetProperty("errors").GetProperty("text")[0].GetString().Should().Contain("control characters");
    }

    [Fact]
    public async Task A_line_feed_is_accepted_and_kept()
    {
        var (_, _, client) = await host.SignedInUser();

        var id = await client.PostTweet("first line\nsecond line\n\nfourth");

        (await client.GetTweet(id)).Text.Should().Be("first line\nsecond line\n\nfourth");
    }

    [Fact]
    public async Task A_CR_LF_is_accepted_and_stored_as_one_line_feed()
    {
        var (_, _, client) = await host.SignedInUser();

        var id = await client.PostTweet("first line\r\nsecond line");

        (await client.GetTweet(id)).Text.Should().Be("first line\nsecond line");
    }

    [Fact]
    public async Task A_CR_LF_counts_as_one_character_toward_the_280()
    {
        var (_, _, client) = await host.SignedInUser();
        var fits = new string('a', 139) + "\r\n" + new string('b', 140);
        var tooLong = new string('a', 140) + "\r\n" + new string('b', 140);

        var id = await client.PostTweet(fits);
        using var refused = await client.Post(tooLong);

        (await client.GetTweet(id)).Text.Should().Be(new string('a', 139) + "\n" + new string('b', 140));
        await refused.ShouldBeValidationProblem("text");
    }

    [Fact]
    public async Task Posting_without_a_token_is_a_401_problem()
    {
        using var response = await host.CreateApiClient().Post("anonymous");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Posting_with_a_garbage_token_is_a_401_problem()
    {
        using var response = await host.CreateApiClient("not-a-jwt").Post("anonymous");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Theory]
    [InlineData("{\"text\":")]
    [InlineData("{\"text\":\"a\",}")]
    [InlineData("not json at all")]
    [InlineData("{'text':'hello'}")]
    [InlineData("{\"text\":\"unterminated")]
    [InlineData("{\"text\":5}")]
    [InlineData("{\"text\":[\"a\"]}")]
    [InlineData("[]")]
    [InlineData("\"hello\"")]
    public async Task Malformed_JSON_or_the_wrong_shape_is_a_400_problem(string body)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PostRaw(TweetsApi.Tweets, body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"text\":null}")]
    [InlineData("{\"other\":\"hello\"}")]
    public async Task A_missing_text_is_a_400_validation_problem_on_text(string body)
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PostRaw(TweetsApi.Tweets, body);

        await response.ShouldBeValidationProblem("text");
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        var (_, _, client) = await host.SignedInUser();

        using var response = await client.PostRaw(TweetsApi.Tweets, string.Empty);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("hello \\ud83d")]
    [InlineData("\\ude00\\ud83d")]
    [InlineData("x\\ud800y")]
    public async Task An_unpaired_surrogate_escaped_in_JSON_is_a_400_problem(string escaped)
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.PostRaw(TweetsApi.Tweets, "{\"text\":\"" + escaped + "\"}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        (await host.CreateApiClient().Page(TweetsApi.UserTweets(id))).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_tweet_is_not_stored()
    {
        var (id, _, client) = await host.SignedInUser();

        using var response = await client.Post(new string('a', 281));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.CreateApiClient().Page(TweetsApi.UserTweets(id))).Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Getting_a_tweet_that_does_not_exist_is_a_404_problem(long id)
    {
        using var response = await host.CreateApiClient().GetAsync(TweetsApi.Tweet(id));

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Anyone_may_read_a_tweet_without_signing_in()
    {
        var (id, _, client) = await host.SignedInUser();
        var tweetId = await client.PostTweet("public");

        var tweet = await host.CreateApiClient().GetTweet(tweetId);

        tweet.Should().BeEquivalentTo(new { Id = tweetId, Text = "public", AuthorId = id, AuthorName = Api.DefaultDisplayName });
    }
}
