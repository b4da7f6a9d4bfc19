using System.Text.RegularExpressions;
using ModuleKit.Text;

namespace Users.Domain;

/// <summary>The rules for ids, passwords and display names, shared by sign-up and GitHub sign-in.</summary>
internal static partial class UserRules
{
    public const int IdMinLength = 3;
    public const int IdMaxLength = 20;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int DisplayNameMaxLength = 50;

    // Caps on UTF-16 code units: combining marks make one user-perceived character arbitrarily long, and a name
    // travels in every token and timeline page. 50 characters of at most 32 units each.
    public const int DisplayNameMaxRawLength = DisplayNameMaxLength * UserText.MaxCharacterUnits;
    public const int PasswordMaxRawLength = 512;
    public const int LogInIdMaxLength = 64;

    public const string IdMessage = "Use 3 to 20 characters: letters A-Z, digits or underscores.";

    // \z, not $: in .NET "$" also matches before a final line break.
    [GeneratedRegex(@"^[A-Za-z0-9_]{3,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Why a display name is unacceptable, or null when it is fine (checked after trimming).</summary>
    public static string? DisplayNameProblem(string? displayName)
    {
        if (displayName is null)
        {
            return "Enter a display name.";
        }

        if (!UserText.IsWellFormed(displayName))
        {
            return "Enter a display name made of valid characters.";
        }

        if (UserText.HasControlCharacters(displayName))
        {
            return "A display name cannot contain control characters such as tabs or line breaks.";
        }

        var normalized = UserText.Normalize(displayName);
        if (normalized.Length > DisplayNameMaxRawLength || UserText.HasOverlongCharacter(normalized))
        {
            return $"This display name is too long: at most {DisplayNameMaxLength} characters, without long runs of accents.";
        }

        var length = UserText.Length(normalized);
        return length is < 1 or > DisplayNameMaxLength || !UserText.HasVisibleCharacters(normalized)
            ? $"Use 1 to {DisplayNameMaxLength} characters (spaces at either end do not count)."
            : null;
    }

    /// <summary>Why a password is unacceptable for this id, or null when it is fine.</summary>
    public static string? PasswordProblem(string? password, string? id)
    {
        if (password is null)
        {
            return "Enter a password.";
        }

        if (!UserText.IsWellFormed(password))
        {
            return "Enter a password made of valid characters.";
        }

        var length = password.Length > PasswordMaxRawLength ? int.MaxValue : UserText.Length(password);
        if (length < PasswordMinLength)
        {
            return $"Use at least {PasswordMinLength} characters.";
        }

        if (length > PasswordMaxLength)
        {
            return $"Use at most {PasswordMaxLength} characters.";
        }

        return id is not null && string.Equals(password, id, StringComparison.OrdinalIgnoreCase)
            ? "The password must not be the same as the id."
            : null;
    }

    /// <summary>An id made from a GitHub login: its allowed characters, padded or cut to fit, then numbered if taken.</summary>
    public static string IdFromGitHubLogin(string login, int attempt)
    {
        var cleaned = new string([.. login.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        if (cleaned.Length < IdMinLength)
        {
            cleaned = ("gh_" + cleaned).PadRight(IdMinLength, '_');
        }

        var suffix = attempt == 0 ? string.Empty : "_" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var room = IdMaxLength - suffix.Length;
        return (cleaned.Length > room ? cleaned[..room] : cleaned) + suffix;
    }
}
