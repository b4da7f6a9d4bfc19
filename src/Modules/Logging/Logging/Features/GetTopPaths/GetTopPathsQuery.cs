using Logging.Application;

namespace Logging.Features.GetTopPaths;

/// <summary>The most requested paths in a window, with the same numbers as the statistics by path.</summary>
internal sealed record GetTopPathsQuery(string? From, string? To, int? Limit) : IRequest<TopPathsReport>, IWindowQuery
{
    public const int DefaultLimit = 10;
}

internal sealed record TopPathsReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PathStatistics> Paths);

internal sealed record PathStatistics(string Path, long Count, long Errors, double ErrorRate, double? P50, double? P95, double? P99);
