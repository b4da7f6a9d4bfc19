namespace Logging.Features.IngestLogs;

/// <summary>The two bodies the module accepts: its own API's, and the lecture's log service's.</summary>
internal enum LogFormat
{
    /// <summary><c>POST /api/logs</c>: method, path or url, status, durationMs and the optional fields.</summary>
    Api,

    /// <summary><c>POST /log</c>: ip, originalUrl, userID or user, and optionally req.</summary>
    Legacy,
}
