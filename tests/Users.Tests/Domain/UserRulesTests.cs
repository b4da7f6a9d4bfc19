using System.Text.RegularExpressions;
using ModuleKit.Text;
using Users.Domain;

namespace Users.Tests.Domain;

public sealed class UserRulesTests
{
    private const string ThumbsUpMediumSkin = "\U0001F44D\U0001F3FD";
    private const string CombiningAcute = "\u0301";

    [Theory]
    [InlineData("abc")]
    [InlineData("ABC")]
    [InlineData("a_1")]
    [InlineData("___")]
    [InlineData("123")]
    [InlineData("abcdefghijklmnopqrst")]
    [InlineData("Mixed_Case_99")]
    public void An_id_of_3_to_20_ASCII_letters_digits_or_underscores_is_valid(string id)
    {
        UserRules.IsValidId(id).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("ab c")]
    [InlineData(" abc")]
    [InlineData("abc ")]
    [InlineData("a-b-c")]
    [InlineData("a.b.c")]
    [InlineData("abc@")]
    [InlineData("caf\u00E9")]
    [InlineData("\u0430dmin")]
    [InlineData("\u212Aelvin")]
    [InlineData("\u0131ndex")]
    [InlineData("\uFF41\uFF42\uFF43")]
    [InlineData("\u0661\u0662\u0663")]
    [InlineData("abc\u200B")]
    [InlineData("abc\u202E")]
    [InlineData("ab\u0000c")]
    [InlineData("\U0001F600abc")]
    public void Any_other_id_is_invalid(string? id)
    {
        UserRules.IsValidId(id).Should().BeFalse();
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData("abcdefghijklmnopqrst\n")]
    public void An_id_with_a_trailing_line_break_is_invalid(string id)
    {
        UserRules.IsValidId(id).Should().BeFalse("a line break is not a letter, digit or underscore");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("        ")]
    [InlineData("a\u0000bcdefgh")]
    public void A_password_of_8_characters_is_acceptable(string password)
    {
        UserRules.PasswordProblem(password, "someone").Should().BeNull();
    }

    [Fact]
    public void A_password_of_128_characters_is_acceptable_and_129_is_not()
    {
        UserRules.PasswordProblem(new string('p', 128), "someone").Should().BeNull();
        UserRules.PasswordProblem(new string('p', 129), "someone").Should().Contain("at most 128");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1234567")]
    public void A_password_shorter_than_8_characters_is_refused(string password)
    {
        UserRules.PasswordProblem(password, "someone").Should().Contain("at least 8");
    }

    [Fact]
    public void Password_length_counts_user_perceived_characters_not_UTF16_units()
    {
        var sevenEmoji = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 7));
        var eightEmoji = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 8));
        var hundredTwentyEightEmoji = string.Concat(Enumerable.Repeat(ThumbsUpMediumSkin, 128));

        sevenEmoji.Length.Should().Be(28);
        UserRules.PasswordProblem(sevenEmoji, "someone").Should().Contain("at least 8");
        UserRules.PasswordProblem(eightEmoji, "someone").Should().BeNull();
        UserRules.PasswordProblem(hundredTwentyEightEmoji, "someone").Should().BeNull();
    }

    [Theory]
    [InlineData("longer_id", "longer_id")]
    [InlineData("longer_id", "LONGER_ID")]
    [InlineData("Longer_Id", "lOnGeR_iD")]
    public void A_password_equal_to_the_id_in_any_casing_is_refused(string id, string password)
    {
        UserRules.PasswordProblem(password, id).Should().Contain("same as the id");
    }

    [Fact]
    public void A_password_that_merely_contains_the_id_is_acceptable()
    {
        UserRules.PasswordProblem("longer_id_2024", "longer_id").Should().BeNull();
    }

    [Fact]
    public void Without_an_id_the_password_is_judged_on_its_own()
    {
        UserRules.PasswordProblem("password", null).Should().BeNull();
    }

    [Fact]
    public void A_missing_password_is_asked_for()
    {
        UserRules.PasswordProblem(null, "someone").Should().Be("Enter a password.");
    }

    [Theory]
    [InlineData(@"\uD800password")]
    [InlineData(@"password\uDC00")]
    [InlineData(@"pass\uDE00\uD83Dword")]
    public void A_malformed_password_is_refused(string escaped)
    {
        // Lone surrogates do not survive test-case serialisation, so the data is escaped and unescaped here.
        var password = Regex.Unescape(escaped);

        UserRules.PasswordProblem(password, "someone").Should().Contain("valid characters");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("Alice")]
    [InlineData("  Alice  ")]
    [InlineData("Ren\u00E9e")]
    [InlineData("Rene\u0301e")]
    [InlineData("\u6F22\u5B57")]
    [InlineData("abc\u202Edef")]
    [InlineData(ThumbsUpMediumSkin)]
    public void A_display_name_of_1_to_50_characters_is_acceptable(string name)
    {
        UserRules.DisplayNameProblem(name).Should().BeNull();
    }

    [Fact]
    public void Display_name_length_is_counted_after_trimming()
    {
        var fifty = new string('n', 50);

        UserRules.DisplayNameProblem("   " + fifty + "   ").Should().BeNull();
        UserRules.DisplayNameProblem(fifty + "n").Should().Contain("1 to 50");
    }

    [Theory]
    [InlineData(ThumbsUpMediumSkin)]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466")]
    [InlineData("x\u0301\u0302")]
    [InlineData("\U0001F1EB\U0001F1F7")]
    public void Display_name_length_counts_user_perceived_characters(string character)
    {
        UserRules.DisplayNameProblem(string.Concat(Enumerable.Repeat(character, 50))).Should().BeNull();
        UserRules.DisplayNameProblem(string.Concat(Enumerable.Repeat(character, 51))).Should().Contain("1 to 50");
    }

    [Fact]
    public void A_display_name_of_one_letter_and_300_combining_accents_is_refused_as_too_long()
    {
        var name = "a" + Accents(300);

        UserRules.DisplayNameProblem(name).Should().Contain("too long");
    }

    [Fact]
    public void One_character_of_a_display_name_may_take_32_UTF16_units_after_composition_and_no_more()
    {
        // "a" and the first accent compose into one unit, so 33 units in become 32 once stored.
        UserRules.DisplayNameProblem("a" + Accents(32)).Should().BeNull();
        UserRules.DisplayNameProblem("a" + Accents(33)).Should().Contain("too long");
    }

    [Fact]
    public void Fifty_characters_of_32_UTF16_units_each_are_an_acceptable_display_name()
    {
        var name = string.Concat(Enumerable.Repeat("a" + Accents(32), 50));
        UserText.Normalize(name).Length.Should().Be(1600);

        UserRules.DisplayNameProblem(name).Should().BeNull();
        UserRules.DisplayNameProblem(name + "a").Should().NotBeNull("51 characters are too many however short the last");
    }

    [Fact]
    public void The_raw_length_of_a_display_name_is_counted_after_trimming()
    {
        var padding = new string(' ', UserRules.DisplayNameMaxRawLength);

        UserRules.DisplayNameProblem(padding + "Alice" + padding).Should().BeNull();
    }

    [Fact]
    public void A_password_over_512_UTF16_units_is_refused_although_it_is_only_eight_characters()
    {
        var password = string.Concat(Enumerable.Repeat("p" + Accents(64), 8));
        password.Length.Should().Be(520);

        UserRules.PasswordProblem(password, "someone").Should().NotBeNull();
    }

    [Fact]
    public void A_password_of_exactly_512_UTF16_units_and_eight_characters_is_acceptable()
    {
        var password = string.Concat(Enumerable.Repeat("p" + Accents(63), 8));
        password.Length.Should().Be(UserRules.PasswordMaxRawLength);

        UserRules.PasswordProblem(password, "someone").Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u3000\u00A0 ")]
    public void An_empty_or_blank_display_name_is_refused(string name)
    {
        UserRules.DisplayNameProblem(name).Should().Contain("1 to 50");
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("trailing newline\n")]
    public void A_display_name_with_control_characters_is_refused(string name)
    {
        UserRules.DisplayNameProblem(name).Should().Contain("control characters");
    }

    [Fact]
    public void A_missing_display_name_is_asked_for()
    {
        UserRules.DisplayNameProblem(null).Should().Be("Enter a display name.");
    }

    [Theory]
    [InlineData(@"\uD800")]
    [InlineData(@"name\uDFFF")]
    [InlineData(@"\uDE00\uD83D")]
    public void A_malformed_display_name_is_refused(string escaped)
    {
        var name = Regex.Unescape(escaped);

        UserRules.DisplayNameProblem(name).Should().Contain("valid characters");
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\uFEFF")]
    public void A_display_name_made_only_of_invisible_characters_is_refused(string name)
    {
        UserRules.DisplayNameProblem(name).Should().NotBeNull("nothing of it would be visible");
    }

    [Theory]
    [InlineData("octocat", 0, "octocat")]
    [InlineData("Mona-Lisa", 0, "Mona_Lisa")]
    [InlineData("a.b.c", 0, "a_b_c")]
    [InlineData("ab", 0, "gh_ab")]
    [InlineData("a", 0, "gh_a")]
    [InlineData("", 0, "gh_")]
    [InlineData("caf\u00E9", 0, "caf_")]
    [InlineData("octocat", 1, "octocat_1")]
    [InlineData("octocat", 49, "octocat_49")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 0, "abcdefghijklmnopqrst")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 3, "abcdefghijklmnopqr_3")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 12, "abcdefghijklmnopq_12")]
    public void An_id_is_made_from_a_GitHub_login(string login, int attempt, string expected)
    {
        UserRules.IdFromGitHubLogin(login, attempt).Should().Be(expected);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("octocat")]
    [InlineData("a-very-long-github-login-name-indeed")]
    [InlineData("\u65E5\u672C")]
    [InlineData("\U0001F600")]
    [InlineData("--")]
    public void Every_id_made_from_a_GitHub_login_is_a_valid_id_for_every_attempt(string login)
    {
        var ids = Enumerable.Range(0, 50).Select(attempt => UserRules.IdFromGitHubLogin(login, attempt)).ToList();

        ids.Should().OnlyContain(id => UserRules.IsValidId(id));
        ids.Select(id => id.ToUpperInvariant()).Should().OnlyHaveUniqueItems("each attempt must offer a different id");
    }

    private static string Accents(int count) => string.Concat(Enumerable.Repeat(CombiningAcute, count));
}
