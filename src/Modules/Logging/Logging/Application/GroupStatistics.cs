namespace Logging.Application;

/// <summary>
/// The numbers of one group of requests: how many, how many failed on the server (status 500 or above), and
/// the nearest-rank 50th, 95th and 99th percentiles of their durations in milliseconds (null when none had one).
/// </summary>
internal sealed record GroupStatistics(string? Key, long Count, long Errors, double ErrorRate, double? P50, double? P95, double? P99);
