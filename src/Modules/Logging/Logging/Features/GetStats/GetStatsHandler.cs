using Logging.Application;

namespace Logging.Features.GetStats;

internal sealed class GetStatsHandler(RequestStatistics statistics, TimeProvider clock) : IRequestHandler<GetStatsQuery, StatsReport>
{
    public async Task<StatsReport> Handle(GetStatsQuery request, CancellationToken cancellationToken)
    {
        var window = AnalysisWindow.Of(request, clock.GetUtcNow());
        var grouping = Grouping.Named(request.By) ?? Grouping.Path;
        var limit = Math.Min(request.Limit ?? GetStatsQuery.DefaultLimit, RequestStatistics.MaxGroups);
        var groups = await statistics.GroupAsync(grouping, window, limit, cancellationToken);
        return new StatsReport(window.From, window.To, grouping.Name, groups);
    }
}
