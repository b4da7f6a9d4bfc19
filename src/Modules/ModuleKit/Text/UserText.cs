using System.Buffers;
using System.Globalization;
using System.Text;

namespace ModuleKit.Text;

/// <summary>
/// Rules for text people type (names, tweets): well-formed UTF-16, NFC, trimmed, and lengths counted as
/// user-perceived characters so an emoji with modifiers counts once.
/// </summary>
public static class UserText
{
    /// <summary>
    /// True when the text has no unpaired surrogates and no noncharacters (U+FDD0 to U+FDEF, and the last two code
    /// points of every plane such as U+FFFE and U+FFFF). Neither can be normalised (the runtime's normaliser throws on
    /// them), stored faithfully or shown; noncharacters are reserved for a program's internal use, never for text.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done || IsNoncharacter(rune))
            {
                return false;
            }

            span = span[consumed..];
        }

        return true;
    }

    /// <summary>The 66 noncharacters of Unicode (chapter 23.7): U+FDD0 to U+FDEF and U+nFFFE, U+nFFFF in each plane.</summary>
    public static bool IsNoncharacter(Rune rune) =>
        rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    /// <summary>Trims and composes (NFC) well-formed text; callers check <see cref="IsWellFormed"/> first.</summary>
    public static string Normalize(string text) => text.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The text cut to at most <paramref name="maxLength"/> code units, before a surrogate pair rather than through it.</summary>
    public static string Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];

    /// <summary>
    /// The most UTF-16 code units one user-perceived character may take: enough for the longest emoji sequences
    /// (a family is 11, a subdivision flag 14), too few for a letter buried under hundreds of combining marks.
    /// </summary>
    public const int MaxCharacterUnits = 32;

    /// <summary>The number of user-perceived characters (extended grapheme clusters).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>True when some user-perceived character is longer than <see cref="MaxCharacterUnits"/> code units.</summary>
    public static bool HasOverlongCharacter(string text)
    {
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            if (elements.GetTextElement().Length > MaxCharacterUnits)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when something would show: not only white space and invisible format characters
    /// (zero-width space and joiners, byte-order mark), which <see cref="string.Trim()"/> leaves in place.
    /// </summary>
    public static bool HasVisibleCharacters(string text) =>
        text.Any(c => !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format);

    /// <summary>True when the text contains a control character other than the ones allowed.</summary>
    public static bool HasControlCharacters(string text, params char[] allowed) =>
        text.Any(c => char.IsControl(c) && !allowed.Contains(c));
}
