using Logging.Application;

namespace Logging.Features.GetTopPaths;

internal sealed class GetTopPathsHandler(RequestStatistics statistics, TimeProvider clock) : IRequestHandler<GetTopPathsQuery, TopPathsReport>
{
    public async Task<TopPathsReport> Handle(GetTopPathsQuery request, CancellationToken cancellationToken)
    {
        var window = AnalysisWindow.Of(request, clock.GetUtcNow());
        var limit = Math.Min(request.Limit ?? GetTopPathsQuery.DefaultLimit, RequestStatistics.MaxGroups);
        var groups = await statistics.GroupAsync(Grouping.Path, window, limit, cancellationToken);
        return new TopPathsReport(window.From, window.To,
            [.. groups.Select(g => new PathStatistics(g.Key ?? string.Empty, g.Count, g.Errors, g.ErrorRate, g.P50, g.P95, g.P99))]);
    }
}
