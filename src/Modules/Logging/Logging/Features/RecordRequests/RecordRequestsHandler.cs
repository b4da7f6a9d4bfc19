using Logging.Application;
using Logging.Contracts;
using Logging.Data;
using Logging.Domain;
using ModuleKit.Text;

namespace Logging.Features.RecordRequests;

internal sealed class RecordRequestsHandler(LogRecordWriter writer) : IRequestHandler<Contracts.RecordRequests, RecordedRequests>
{
    public Task<RecordedRequests> Handle(Contracts.RecordRequests request, CancellationToken cancellationToken) =>
        writer.StoreAsync([.. request.Entries.Select(ToRecord)], cancellationToken);

    private static LogRecord ToRecord(RequestLogEntry entry) => new()
    {
        RecordId = entry.Id,
        Timestamp = entry.Timestamp,
        Method = UserText.Cut(entry.Method, LogRecordRules.MethodMaxLength),
        // Already a path (a '?' in it was percent-encoded in the request), so it is kept as served.
        Path = UserText.Cut(entry.Path, LogRecordRules.PathMaxLength),
        Route = CutOptional(entry.Route, LogRecordRules.RouteMaxLength),
        Status = entry.Status,
        DurationMs = entry.DurationMs,
        UserId = CutOptional(entry.UserId, LogRecordRules.UserIdMaxLength),
        Ip = CutOptional(entry.Ip, LogRecordRules.IpMaxLength),
        Module = UserText.Cut(entry.Module, LogRecordRules.ModuleMaxLength),
        TraceId = CutOptional(entry.TraceId, LogRecordRules.TraceIdMaxLength),
        Source = LogSources.Host,
    };

    private static string? CutOptional(string? value, int maxLength) => value is null ? null : UserText.Cut(value, maxLength);
}
