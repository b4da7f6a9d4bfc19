using Logging.Application;

namespace Logging.Features.GetErrorRate;

internal sealed class GetErrorRateHandler(RequestStatistics statistics, TimeProvider clock) : IRequestHandler<GetErrorRateQuery, ErrorRateReport>
{
    public async Task<ErrorRateReport> Handle(GetErrorRateQuery request, CancellationToken cancellationToken)
    {
        var window = AnalysisWindow.Of(request, clock.GetUtcNow());
        var (total, clientErrors, serverErrors) = await statistics.CountErrorsAsync(window, cancellationToken);
        // The same "error" as in the statistics: the server failed (5xx). Client errors are reported beside it.
        return new ErrorRateReport(window.From, window.To, total, clientErrors, serverErrors, total == 0 ? 0 : (double)serverErrors / total);
    }
}
