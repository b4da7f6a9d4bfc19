using System.Globalization;
using System.Text.RegularExpressions;
using Logging.Domain;

namespace Logging.Application;

/// <summary>A query over a window of time, given as ISO-8601 <c>from</c> and <c>to</c> (either may be left out).</summary>
internal interface IWindowQuery
{
    string? From { get; }

    string? To { get; }
}

/// <summary>The half-open window [From, To) an analysis covers; by default the hour up to now.</summary>
internal sealed partial record AnalysisWindow(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    private const string TimeMessage = "must be an ISO-8601 time such as 2026-11-22T10:00:00Z";

    private static readonly string RangeMessage = string.Create(CultureInfo.InvariantCulture,
        $"must be between {LogRecordRules.EarliestTimestamp:yyyy-MM-dd'T'HH:mm:ss'Z'} and {LogRecordRules.LatestTimestamp:yyyy-MM-dd'T'HH:mm:ss'Z'}, the times records can have");

    public long FromMs => From.ToUnixTimeMilliseconds();

    public long ToMs => To.ToUnixTimeMilliseconds();

    /// <summary>The window a valid query asks for; <c>to</c> defaults to now and <c>from</c> to an hour before <c>to</c>.</summary>
    public static AnalysisWindow Of(IWindowQuery query, DateTimeOffset now)
    {
        var to = TryParse(query.To, out var parsedTo) ? parsedTo : now;
        var from = TryParse(query.From, out var parsedFrom) ? parsedFrom : to - DefaultLength;
        return new AnalysisWindow(from, to);
    }

    /// <summary>The checks every windowed query shares; its validator calls this from a <c>Custom</c> rule.</summary>
    public static void Validate<T>(T query, ValidationContext<T> context, DateTimeOffset now)
        where T : IWindowQuery
    {
        // Times are range-checked before any arithmetic: an hour before 0001-01-01T00:30Z does not exist.
        var fromValid = IsValid(query.From, "from", context);
        var toValid = IsValid(query.To, "to", context);
        if (!fromValid || !toValid)
        {
            return;
        }

        var window = Of(query, now);
        if (window.From >= window.To)
        {
            context.AddFailure("from", "must be before to (to defaults to now)");
        }
        else if (window.To - window.From > MaxLength)
        {
            context.AddFailure("to", string.Create(CultureInfo.InvariantCulture,
                $"is more than {MaxLength.TotalDays} days after from; ask for a window of at most {MaxLength.TotalDays} days"));
        }
    }

    /// <summary>Missing, or an ISO-8601 time within the years records can have (the end of the window may be the very end).</summary>
    private static bool IsValid<T>(string? text, string parameter, ValidationContext<T> context)
    {
        if (text is null)
        {
            return true;
        }

        if (!TryParse(text, out var time))
        {
            context.AddFailure(parameter, TimeMessage);
            return false;
        }

        if (time < LogRecordRules.EarliestTimestamp || time > LogRecordRules.LatestTimestamp)
        {
            context.AddFailure(parameter, RangeMessage);
            return false;
        }

        return true;
    }

    private static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !IsoDate().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T|$)")]
    private static partial Regex IsoDate();
}
