using System.Text.Json;
using Logging.Application;

namespace Logging.Features.ListRecords;

/// <summary>Stored records in a window, newest first, optionally only those of one path, user, module or status.</summary>
internal sealed record ListRecordsQuery(
    string? From, string? To, string? Path, string? UserId, string? Module, int? Status, string? Cursor, int? Limit)
    : IRequest<CursorPage<LogRecordView>>, IWindowQuery, ICursorPageQuery;

/// <summary>
/// A stored record as the API shows it; <see cref="Url"/> is the URL with its query string when the sender gave one
/// (<c>POST /log</c>), <see cref="Route"/> is the endpoint's route pattern when the sender knew it,
/// and <see cref="Extra"/> holds the fields the sender added, as sent.
/// </summary>
internal sealed record LogRecordView(
    string Id,
    DateTimeOffset Timestamp,
    string? Method,
    string Path,
    string? Url,
    string? Route,
    int? Status,
    double? DurationMs,
    string? UserId,
    string? Ip,
    string? Module,
    string? TraceId,
    string Source,
    JsonElement? Extra);
