namespace Logging.Features.IngestLogs;

/// <summary>The two bodies the module accepts: its own API's, and the lecture's log service's.</summary>
internal enum LogFormat
{
    /// <summary><c>POST /api/logs</c>: method, path or url, status, durationMs and the optional fields.</summary>
    Api,

    /// <summary>
    /// <c>POST /log</c>: any JSON object, as the lecture's Express service took it; ip, originalUrl, userID or user
    /// and the API's optional fields are read when they fit, everything else is kept as sent (docs/adr/0028).
    /// </summary>
    Legacy,
}
