using FluentValidation.TestHelper;
using ModuleKit.Paging;
using Tweets.Contracts;
using Tweets.Features.FollowUser;
using Tweets.Features.GetGlobalTimeline;
using Tweets.Features.GetHomeTimeline;
using Tweets.Features.GetTweetCount;
using Tweets.Features.GetUserTweets;
using Tweets.Features.PostTweet;

namespace Tweets.Tests.Features;

public sealed class PostTweetValidatorTests
{
    private readonly PostTweetValidator validator = new();

    [Fact]
    public void A_good_tweet_is_valid()
    {
        validator.TestValidate(new PostTweetCommand("alice", "Hello")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\u200B")]
    [InlineData("a\tb")]
    public void A_bad_text_fails_on_Text_only_with_one_message(string? text)
    {
        var result = validator.TestValidate(new PostTweetCommand("alice", text));

        result.ShouldHaveValidationErrorFor(c => c.Text);
        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_text_of_281_characters_fails_with_the_count()
    {
        var result = validator.TestValidate(new PostTweetCommand("alice", new string('a', 281)));

        result.ShouldHaveValidationErrorFor(c => c.Text).WithErrorMessage("A tweet has at most 280 characters; this one has 281.");
    }
}

public sealed class FollowValidatorTests
{
    private readonly FollowUserValidator validator = new();

    [Fact]
    public void Following_someone_else_is_valid()
    {
        validator.TestValidate(new FollowUserCommand("alice", "bob")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("alice", "ALICE")]
    [InlineData("Alice_1", "aLICE_1")]
    public void Following_yourself_in_any_casing_fails_on_userId(string follower, string followee)
    {
        var result = validator.TestValidate(new FollowUserCommand(follower, followee));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("userId");
    }
}

public sealed class GetTweetCountValidatorTests
{
    private readonly GetTweetCountValidator validator = new();

    [Fact]
    public void An_id_is_valid_even_when_unknown()
    {
        validator.TestValidate(new GetTweetCount("nobody")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_id_fails_on_UserId(string? id)
    {
        validator.TestValidate(new GetTweetCount(id!)).ShouldHaveValidationErrorFor(q => q.UserId);
    }
}

public sealed class TimelineValidatorTests
{
    public static TheoryData<string> BadCursors => ["garbage!", "", "k:12", Encode("k:0"), Encode("k:-1"), Encode("k:1x"), new string('A', 65)];

    [Fact]
    public void No_cursor_and_no_limit_is_valid_for_every_timeline()
    {
        new GetGlobalTimelineValidator().TestValidate(new GetGlobalTimelineQuery(null, null)).ShouldNotHaveAnyValidationErrors();
        new GetUserTweetsValidator().TestValidate(new GetUserTweetsQuery("alice", null, null)).ShouldNotHaveAnyValidationErrors();
        new GetHomeTimelineValidator().TestValidate(new GetHomeTimelineQuery("alice", null, null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(int.MaxValue)]
    public void A_cursor_the_API_gave_out_and_any_positive_limit_are_valid(int limit)
    {
        var cursor = Cursor.After(42);

        new GetGlobalTimelineValidator().TestValidate(new GetGlobalTimelineQuery(cursor, limit)).ShouldNotHaveAnyValidationErrors();
        new GetUserTweetsValidator().TestValidate(new GetUserTweetsQuery("alice", cursor, limit)).ShouldNotHaveAnyValidationErrors();
        new GetHomeTimelineValidator().TestValidate(new GetHomeTimelineQuery("alice", cursor, limit)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_limit_below_1_fails_on_Limit_for_every_timeline(int limit)
    {
        new GetGlobalTimelineValidator().TestValidate(new GetGlobalTimelineQuery(null, limit)).ShouldHaveValidationErrorFor(q => q.Limit);
        new GetUserTweetsValidator().TestValidate(new GetUserTweetsQuery("alice", null, limit)).ShouldHaveValidationErrorFor(q => q.Limit);
        new GetHomeTimelineValidator().TestValidate(new GetHomeTimelineQuery("alice", null, limit)).ShouldHaveValidationErrorFor(q => q.Limit);
    }

    [Theory]
    [MemberData(nameof(BadCursors))]
    public void A_cursor_the_API_did_not_give_out_fails_on_Cursor_for_every_timeline(string cursor)
    {
        new GetGlobalTimelineValidator().TestValidate(new GetGlobalTimelineQuery(cursor, null))
            .ShouldHaveValidationErrorFor(q => q.Cursor).WithErrorMessage(Cursor.InvalidMessage);
        new GetUserTweetsValidator().TestValidate(new GetUserTweetsQuery("alice", cursor, null)).ShouldHaveValidationErrorFor(q => q.Cursor);
        new GetHomeTimelineValidator().TestValidate(new GetHomeTimelineQuery("alice", cursor, null)).ShouldHaveValidationErrorFor(q => q.Cursor);
    }

    private static string Encode(string text) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(text));
}
