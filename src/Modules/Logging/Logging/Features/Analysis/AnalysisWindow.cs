using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace Logging.Features.Analysis;

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
        var fromValid = query.From is null || TryParse(query.From, out _);
        var toValid = query.To is null || TryParse(query.To, out _);
        if (!fromValid)
        {
            context.AddFailure("from", TimeMessage);
        }

        if (!toValid)
        {
            context.AddFailure("to", TimeMessage);
        }

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
