using Logging.Application;
using Logging.Contracts;
using Logging.Data;
using Microsoft.Extensions.Options;

namespace Logging.Features.IngestLogs;

internal sealed class IngestLogsHandler(LogRecordWriter writer, IOptions<LoggingOptions> options, TimeProvider clock)
    : IRequestHandler<IngestLogsCommand, RecordedRequests>
{
    public Task<RecordedRequests> Handle(IngestLogsCommand request, CancellationToken cancellationToken)
    {
        var parser = new LogRecordParser(request.Format, clock.GetUtcNow(), options.Value.Ingestion.MaxBatchSize, request.ClientIp);
        var records = parser.Parse(request.Body);
        if (parser.TooLarge is { } tooLarge)
        {
            throw new BadHttpRequestException(tooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        return parser.Errors.Count > 0
            ? throw new ValidationException(parser.Errors)
            : writer.StoreAsync(records, cancellationToken);
    }
}
