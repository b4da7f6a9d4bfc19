using System.Text.RegularExpressions;
using Tweets.Domain;

namespace Tweets.Tests.Domain;

public sealed class TweetRulesTests
{
    private const string ThumbsUpMediumSkin = "\U0001F44D\U0001F3FD";
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
    private const string CombiningAcute = "\u0301";

    // "x" has no precomposed form with an acute accent, so NFC leaves every mark in place.
    private static readonly string XWith31Accents = "x" + string.Concat(Enumerable.Repeat(CombiningAcute, 31));

    [Theory]
    [InlineData("a")]
    [InlineData("Hello, world")]
    [InlineData("first\nsecond")]
    [InlineData("first\r\nsecond")]
    [InlineData("  padded  ")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD")]
    [InlineData("zero\u200Bwidth inside")]
    public void Ordinary_text_can_be_posted(string text)
    {
        TweetRules.TextProblem(text).Should().BeNull();
    }

    [Theory]
    [InlineData("a")]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData(Family)]
    [InlineData("e\u0301")]
    [InlineData("\U0001F1EF\U0001F1F5")]
    public void Exactly_280_user_perceived_characters_can_be_posted_and_281_cannot(string character)
    {
        TweetRules.TextProblem(Repeat(character, 280)).Should().BeNull();
        TweetRules.TextProblem(Repeat(character, 281)).Should().Be("A tweet has at most 280 characters; this one has 281.");
    }

    [Fact]
    public void Leading_and_trailing_white_space_does_not_count()
    {
        TweetRules.TextProblem("   " + new string('a', 280) + " \n\t ").Should().BeNull();
    }

    [Fact]
    public void A_CR_LF_counts_as_one_character()
    {
        TweetRules.TextProblem(new string('a', 139) + "\r\n" + new string('b', 140)).Should().BeNull();
        TweetRules.TextProblem(new string('a', 140) + "\r\n" + new string('b', 140)).Should().NotBeNull();
    }

    [Fact]
    public void A_character_of_32_code_units_counts_once_and_280_of_them_fit_the_raw_cap()
    {
        XWith31Accents.Should().HaveLength(32);

        TweetRules.TextProblem(Repeat(XWith31Accents, 280)).Should().BeNull();
    }

    [Fact]
    public void A_character_of_33_code_units_is_refused_as_a_long_run_of_accents()
    {
        TweetRules.TextProblem("ok " + XWith31Accents + CombiningAcute).Should().Contain("long runs of accents");
    }

    [Fact]
    public void Text_longer_than_the_raw_cap_is_refused_before_it_is_counted()
    {
        TweetRules.TextProblem(new string('a', (TweetRules.MaxRawLength * 2) + 1)).Should().Be("A tweet has at most 280 characters.");
        TweetRules.TextProblem(Repeat(Family, (TweetRules.MaxRawLength / Family.Length) + 1)).Should().Contain("long runs of accents");
    }

    [Theory]
    [InlineData(null, "Write something to post.")]
    [InlineData("", "Write something to post: a tweet cannot be empty or only spaces.")]
    [InlineData("   ", "Write something to post: a tweet cannot be empty or only spaces.")]
    [InlineData("\n\r\n\n", "Write something to post: a tweet cannot be empty or only spaces.")]
    [InlineData("\u200B", "Write something to post: a tweet cannot be empty or only spaces.")]
    [InlineData("\u200B \u200C\u200D\u2060\uFEFF", "Write something to post: a tweet cannot be empty or only spaces.")]
    [InlineData("\u3000\u00A0\u2003", "Write something to post: a tweet cannot be empty or only spaces.")]
    public void Empty_blank_or_invisible_text_is_refused(string? text, string problem)
    {
        TweetRules.TextProblem(text).Should().Be(problem);
    }

    [Theory]
    [InlineData(@"a\tb")]
    [InlineData(@"a\rb")]
    [InlineData(@"a\n\rb")]
    [InlineData(@"a\u0000b")]
    [InlineData(@"a\u0008b")]
    [InlineData(@"a\u001Bb")]
    [InlineData(@"a\u007Fb")]
    [InlineData(@"a\u0085b")]
    [InlineData(@"a\u009Fb")]
    public void Control_characters_other_than_line_breaks_are_refused(string escaped)
    {
        TweetRules.TextProblem(Regex.Unescape(escaped)).Should().Be("A tweet cannot contain control characters other than line breaks.");
    }

    [Theory]
    [InlineData(@"\uD800")]
    [InlineData(@"\uDFFF")]
    [InlineData(@"abc\uD83D")]
    [InlineData(@"\uDE00\uD83D")]
    [InlineData(@"x\uD800y")]
    public void Unpaired_surrogates_are_refused(string escaped)
    {
        // Lone surrogates do not survive test-case serialisation, so the data is escaped and unescaped here.
        TweetRules.TextProblem(Regex.Unescape(escaped)).Should().Be("The text contains characters that are not valid Unicode.");
    }

    [Theory]
    [InlineData("  hello  ", "hello")]
    [InlineData("a\r\nb", "a\nb")]
    [InlineData("a\r\n\r\nb", "a\n\nb")]
    [InlineData("\r\n a \r\n", "a")]
    [InlineData("Rene\u0301e", "Ren\u00E9e")]
    [InlineData("a\nb", "a\nb")]
    public void Prepare_trims_turns_CR_LF_into_LF_and_composes(string text, string prepared)
    {
        TweetRules.Prepare(text).Should().Be(prepared);
    }

    [Fact]
    public void Prepared_text_is_still_valid_and_preparing_twice_changes_nothing()
    {
        var text = " Rene\u0301e\r\nsays \U0001F44D\U0001F3FD ";

        var prepared = TweetRules.Prepare(text);

        TweetRules.TextProblem(prepared).Should().BeNull();
        TweetRules.Prepare(prepared).Should().Be(prepared);
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
