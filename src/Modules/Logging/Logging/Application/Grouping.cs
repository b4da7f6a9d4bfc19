using Logging.Domain;

namespace Logging.Application;

/// <summary>
/// The ways requests can be grouped, each with its fixed SQL key expression: the expression is chosen from
/// this list by name and never built from what a client sent. Each reads one dimension of the roll-ups.
/// </summary>
internal sealed record Grouping(string Name, int Dimension, string KeyExpression, bool ByTime, bool Numeric = false)
{
    public const long MinuteMs = 60_000;

    public static readonly Grouping Path = new("path", RollupDimension.Path, "\"Path\"", ByTime: false);

    /// <summary>By endpoint: every <c>/api/tweets/{id}</c> request in one group, where by path each tweet is a group of its own.</summary>
    public static readonly Grouping Route = new("route", RollupDimension.Route, "\"Route\"", ByTime: false);
    public static readonly Grouping Module = new("module", RollupDimension.Module, "\"Module\"", ByTime: false);
    public static readonly Grouping User = new("user", RollupDimension.User, "\"UserId\"", ByTime: false);
    public static readonly Grouping Status = new("status", RollupDimension.Status, "\"Status\"", ByTime: false, Numeric: true);
    public static readonly Grouping Minute = new("minute", RollupDimension.All, $"(\"Timestamp\" / {MinuteMs}) * {MinuteMs}", ByTime: true, Numeric: true);

    public static readonly IReadOnlyList<Grouping> All = [Path, Route, Module, User, Status, Minute];

    public static string Names => string.Join(", ", All.Select(g => g.Name));

    public static Grouping? Named(string? name) =>
        All.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
}
