using ModuleKit.Text;

namespace Tweets.Domain;

/// <summary>What a tweet may contain, counted the way a person counts: user-perceived characters after trimming.</summary>
internal static class TweetRules
{
    public const int MaxLength = 280;

    // A cap on UTF-16 code units, checked before any counting: 280 characters of at most 32 units each.
    public const int MaxRawLength = MaxLength * UserText.MaxCharacterUnits;

    /// <summary>Line breaks as one character: a browser's CR LF and a script's LF count the same.</summary>
    public static string Prepare(string text) => UserText.Normalize(text.Replace("\r\n", "\n", StringComparison.Ordinal));

    /// <summary>Why the text cannot be posted, or null when it can.</summary>
    public static string? TextProblem(string? text)
    {
        if (text is null)
        {
            return "Write something to post.";
        }

        if (text.Length > MaxRawLength * 2)
        {
            return $"A tweet has at most {MaxLength} characters.";
        }

        if (!UserText.IsWellFormed(text))
        {
            return "The text contains characters that are not valid Unicode.";
        }

        var prepared = Prepare(text);
        if (UserText.HasControlCharacters(prepared, '\n'))
        {
            return "A tweet cannot contain control characters other than line breaks.";
        }

        if (prepared.Length > MaxRawLength || UserText.HasOverlongCharacter(prepared))
        {
            return $"A tweet has at most {MaxLength} characters, without long runs of accents.";
        }

        var length = UserText.Length(prepared);
        if (length == 0 || !UserText.HasVisibleCharacters(prepared))
        {
            return "Write something to post: a tweet cannot be empty or only spaces.";
        }

        return length > MaxLength ? $"A tweet has at most {MaxLength} characters; this one has {length}." : null;
    }
}
