namespace Logging.Contracts;

/// <summary>
/// One HTTP request as the process that served it saw it. <see cref="Id"/> is unique per request and makes
/// delivery idempotent: an entry sent twice (a retry after a timeout, a spool replay) is stored once.
/// </summary>
/// <param name="Id">A unique id for this record, at most 64 characters (a GUID in "N" form is typical).</param>
/// <param name="Timestamp">When the request started.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without the query string (query strings can carry secrets).</param>
/// <param name="Status">The response status code sent.</param>
/// <param name="DurationMs">Time from the request's arrival to the end of its response, in milliseconds.</param>
/// <param name="UserId">The authenticated caller, if any.</param>
/// <param name="Ip">The client address.</param>
/// <param name="Module">The module whose endpoint served the request, or "Host".</param>
/// <param name="TraceId">The W3C trace id of the request.</param>
/// <param name="Route">
/// The route pattern of the endpoint that served it (for example <c>/api/tweets/{id:long}</c>), so statistics can
/// group the requests of one endpoint; null when no endpoint matched.
/// </param>
public sealed record RequestLogEntry(
    string Id,
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    int Status,
    double DurationMs,
    string? UserId,
    string? Ip,
    string Module,
    string? TraceId,
    string? Route = null);
