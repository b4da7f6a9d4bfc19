namespace Logging.Domain;

/// <summary>One stored request record, whatever way it arrived.</summary>
internal sealed class LogRecord
{
    /// <summary>The storage order; newest-first lists page over it.</summary>
    public long Number { get; init; }

    /// <summary>The sender's id of the record (or one made up on arrival); a record is stored once per id.</summary>
    public required string RecordId { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string? Method { get; init; }

    /// <summary>The request path without its query string.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// The URL as the sender gave it, query string included (the lecture's <c>originalUrl</c>); null when the sender
    /// gave only a path. Analysis groups by <see cref="Path"/>, which is derived from it.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>The route pattern of the endpoint that served the request (<c>/api/tweets/{id:long}</c>), when known.</summary>
    public string? Route { get; init; }

    public int? Status { get; init; }

    public double? DurationMs { get; init; }

    public string? UserId { get; init; }

    public string? Ip { get; init; }

    public string? Module { get; init; }

    public string? TraceId { get; init; }

    /// <summary>How the record arrived: <see cref="LogSources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>A JSON object with the fields a sender added beyond the known ones, or null.</summary>
    public string? Extra { get; init; }
}

/// <summary>The ways a record can arrive.</summary>
internal static class LogSources
{
    /// <summary>Through the <c>RecordRequests</c> contract, as the Host's shipper sends them.</summary>
    public const string Host = "host";

    /// <summary>Through <c>POST /api/logs</c>.</summary>
    public const string Api = "api";

    /// <summary>Through the lecture's bare <c>POST /log</c>.</summary>
    public const string Legacy = "legacy";
}
