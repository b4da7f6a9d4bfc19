using Logging.Application;

namespace Logging.Features.GetStats;

/// <summary>Request counts, server errors and latency percentiles per path, route, module, user, status or minute.</summary>
internal sealed record GetStatsQuery(string? By, string? From, string? To, int? Limit) : IRequest<StatsReport>, IWindowQuery
{
    public const int DefaultLimit = 50;
}

internal sealed record StatsReport(DateTimeOffset From, DateTimeOffset To, string By, IReadOnlyList<GroupStatistics> Groups);
