using System.Text.RegularExpressions;
using ModuleKit.Text;

namespace ModuleKit.Tests.Text;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("\U0001F44D\U0001F3FD")]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467")]
    [InlineData("\u6F22\u5B57")]
    [InlineData("a\u0000b")]
    public void Text_without_unpaired_surrogates_is_well_formed(string text)
    {
        UserText.IsWellFormed(text).Should().BeTrue();
    }

    [Theory]
    [InlineData(@"\uD800")]
    [InlineData(@"\uDFFF")]
    [InlineData(@"abc\uD83D")]
    [InlineData(@"\uDE00\uD83D")]
    [InlineData(@"x\uD800y")]
    [InlineData(@"\uD83D\uD83D\uDE00")]
    public void Text_with_an_unpaired_surrogate_is_not_well_formed(string escaped)
    {
        // Lone surrogates do not survive test-case serialisation, so the data is escaped and unescaped here.
        UserText.IsWellFormed(Regex.Unescape(escaped)).Should().BeFalse();
    }

    [Theory]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xFDD0)]
    [InlineData(0xFDEF)]
    [InlineData(0x1FFFE)]
    [InlineData(0x10FFFF)]
    public void Text_with_a_noncharacter_is_not_well_formed(int codePoint)
    {
        // The runtime's normaliser throws on U+FFFE and U+FFFF, so these must be refused before Normalize is called.
        UserText.IsWellFormed("name " + char.ConvertFromUtf32(codePoint) + " end").Should().BeFalse();
    }

    [Theory]
    [InlineData(0xFDCF)]
    [InlineData(0xFDF0)]
    [InlineData(0xFFFD)]
    [InlineData(0xFEFF)]
    [InlineData(0x1FFFD)]
    [InlineData(0x20000)]
    public void Characters_next_to_the_noncharacters_are_well_formed(int codePoint)
    {
        var text = "name " + char.ConvertFromUtf32(codePoint);

        UserText.IsWellFormed(text).Should().BeTrue();
        UserText.Normalize(text).Should().StartWith("name");
    }

    [Theory]
    [InlineData("  padded  ", "padded")]
    [InlineData("\tTabbed\n", "Tabbed")]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData(" Rene\u0301e ", "Ren\u00E9e")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("inner  spaces", "inner  spaces")]
    public void Normalizing_trims_and_composes(string text, string expected)
    {
        UserText.Normalize(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("e\u0301", 1)]
    [InlineData("x\u0301\u0302", 1)]
    [InlineData("\U0001F44D\U0001F3FD", 1)]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", 1)]
    [InlineData("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA", 2)]
    [InlineData("\r\n", 1)]
    [InlineData("\u6F22\u5B57", 2)]
    public void Length_counts_user_perceived_characters(string text, int expected)
    {
        UserText.Length(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text, however long it runs, is made of short characters")]
    [InlineData("x\u0301\u0302")]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466")]
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")]
    public void Ordinary_text_and_the_longest_emoji_sequences_have_no_overlong_character(string text)
    {
        UserText.HasOverlongCharacter(text).Should().BeFalse();
    }

    [Fact]
    public void A_character_of_more_than_32_UTF16_units_is_overlong_wherever_it_stands()
    {
        var thirtyTwoUnits = "a" + new string('\u0301', 31);

        UserText.HasOverlongCharacter(thirtyTwoUnits).Should().BeFalse();
        UserText.HasOverlongCharacter(thirtyTwoUnits + "\u0301").Should().BeTrue();
        UserText.HasOverlongCharacter("fine " + thirtyTwoUnits + "\u0301 fine").Should().BeTrue();
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("\u001B[31m")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    [InlineData("\u009F")]
    public void Control_characters_are_found(string text)
    {
        UserText.HasControlCharacters(text).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("\u200B\u200D\u202E\uFEFF")]
    [InlineData("\u00A0\u3000")]
    public void Text_without_control_characters_passes(string text)
    {
        UserText.HasControlCharacters(text).Should().BeFalse();
    }

    [Fact]
    public void Allowed_control_characters_are_not_reported()
    {
        UserText.HasControlCharacters("line one\nline two", '\n').Should().BeFalse();
        UserText.HasControlCharacters("line one\r\nline two", '\n').Should().BeTrue("only the listed ones are allowed");
    }
}
