namespace Logging.Domain;

/// <summary>The limits every stored record keeps, whichever way it arrived.</summary>
internal static class LogRecordRules
{
    public const int RecordIdMaxLength = 64;
    public const int MethodMaxLength = 16;
    public const int PathMaxLength = 2048;

    /// <summary>A whole URL as sent: 8 KB, the longest request line Kestrel accepts by default.</summary>
    public const int UrlMaxLength = 8192;
    public const int RouteMaxLength = 2048;
    public const int UserIdMaxLength = 256;
    public const int IpMaxLength = 64;
    public const int ModuleMaxLength = 64;
    public const int TraceIdMaxLength = 64;
    public const int SourceMaxLength = 16;
    public const int MinStatus = 100;
    public const int MaxStatus = 599;
    public const double MaxDurationMs = 24 * 60 * 60 * 1000;

    /// <summary>Records outside these years are typing mistakes or unit mix-ups, not requests.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestTimestamp = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>HTTP method names are tokens (RFC 9110): letters, digits and a few symbols.</summary>
    public static bool IsMethod(string value) =>
        value.Length is > 0 and <= MethodMaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));

    /// <summary>The status codes HTTP defines (RFC 9110 classes 1xx to 5xx), for every way a record or a filter arrives.</summary>
    public static bool IsStatus(int value) => value is >= MinStatus and <= MaxStatus;

    public static readonly string StatusMessage = $"must be an integer between {MinStatus} and {MaxStatus}";

    public static bool IsDuration(double value) => double.IsFinite(value) && value is >= 0 and <= MaxDurationMs;

    public static bool IsTimestamp(DateTimeOffset value) => value >= EarliestTimestamp && value < LatestTimestamp;

    /// <summary>Free text fields: not blank, short enough, and without control characters that would garble a log view.</summary>
    public static bool IsText(string value, int maxLength) =>
        value.Length <= maxLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);

    /// <summary>
    /// The path part of a URL or path: no query string (it can carry secrets), no fragment. The path of an
    /// absolute URL comes back percent-encoded, so it can be several times longer than the URL sent: callers
    /// check its length afterwards.
    /// </summary>
    public static string PathOf(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsolutePath;
        }

        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        return path.Length == 0 ? "/" : path;
    }
}
