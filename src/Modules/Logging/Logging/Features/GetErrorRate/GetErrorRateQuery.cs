using Logging.Application;

namespace Logging.Features.GetErrorRate;

/// <summary>How many requests in a window failed: client errors (4xx), server errors (5xx) and the server error rate.</summary>
internal sealed record GetErrorRateQuery(string? From, string? To) : IRequest<ErrorRateReport>, IWindowQuery;

internal sealed record ErrorRateReport(DateTimeOffset From, DateTimeOffset To, long Total, long ClientErrors, long ServerErrors, double ErrorRate);
