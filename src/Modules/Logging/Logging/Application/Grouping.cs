namespace Logging.Application;

/// <summary>
/// The ways requests can be grouped, each with its fixed SQL key expression: the expression is chosen from
/// this list by name and never built from what a client sent.
/// </summary>
internal sealed record Grouping(string Name, string KeyExpression, bool ByTime, bool Numeric = false)
{
    public const long MinuteMs = 60_000;

    public static readonly Grouping Path = new("path", "\"Path\"", ByTime: false);

    /// <summary>By endpoint: every <c>/api/tweets/{id}</c> request in one group, where by path each tweet is a group of its own.</summary>
    public static readonly Grouping Route = new("route", "\"Route\"", ByTime: false);
    public static readonly Grouping Module = new("module", "\"Module\"", ByTime: false);
    public static readonly Grouping User = new("user", "\"UserId\"", ByTime: false);
    public static readonly Grouping Status = new("status", "\"Status\"", ByTime: false, Numeric: true);
    public static readonly Grouping Minute = new("minute", $"(\"Timestamp\" / {MinuteMs}) * {MinuteMs}", ByTime: true, Numeric: true);

    public static readonly IReadOnlyList<Grouping> All = [Path, Route, Module, User, Status, Minute];

    public static string Names => string.Join(", ", All.Select(g => g.Name));

    public static Grouping? Named(string? name) =>
        All.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
}
