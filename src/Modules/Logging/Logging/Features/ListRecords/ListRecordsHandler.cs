using System.Text.Json;
using Logging.Application;
using Logging.Data;
using Logging.Domain;
using Microsoft.Extensions.Options;

namespace Logging.Features.ListRecords;

internal sealed class ListRecordsHandler(LoggingDbContext db, IOptions<LoggingOptions> options, TimeProvider clock)
    : IRequestHandler<ListRecordsQuery, CursorPage<LogRecordView>>
{
    public async Task<CursorPage<LogRecordView>> Handle(ListRecordsQuery request, CancellationToken cancellationToken)
    {
        var window = AnalysisWindow.Of(request, clock.GetUtcNow());
        var size = options.Value.Paging.For(request.Limit);
        var below = request.StartsBelow();

        var records = db.Records.AsNoTracking()
            .Where(r => r.Number < below && r.Timestamp >= window.From && r.Timestamp < window.To);
        if (request.Path is not null)
        {
            records = records.Where(r => r.Path == request.Path);
        }

        if (request.UserId is not null)
        {
            records = records.Where(r => r.UserId == request.UserId);
        }

        if (request.Module is not null)
        {
            records = records.Where(r => r.Module == request.Module);
        }

        if (request.Status is not null)
        {
            records = records.Where(r => r.Status == request.Status);
        }

        var fetched = await records.OrderByDescending(r => r.Number).Take(size + 1).ToListAsync(cancellationToken);
        return Cursor.Page(fetched, size, r => r.Number).Select(View);
    }

    private static LogRecordView View(LogRecord r) => new(
        r.RecordId, r.Timestamp, r.Method, r.Path, r.Url, r.Route, r.Status, r.DurationMs, r.UserId, r.Ip, r.Module, r.TraceId, r.Source,
        r.Extra is null ? null : JsonElement.Parse(r.Extra));
}
