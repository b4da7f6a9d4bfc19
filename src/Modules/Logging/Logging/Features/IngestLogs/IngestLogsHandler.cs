using FluentValidation;
using Logging.Contracts;
using Logging.Data;
using MediatR;
using Microsoft.Extensions.Options;

namespace Logging.Features.IngestLogs;

internal sealed class IngestLogsHandler(LogRecordWriter writer, IOptions<LoggingOptions> options, TimeProvider clock)
    : IRequestHandler<IngestLogsCommand, RecordedRequests>
{
    public Task<RecordedRequests> Handle(IngestLogsCommand request, CancellationToken cancellationToken)
    {
        var parser = new LogRecordParser(request.Format, clock.GetUtcNow(), options.Value.Ingestion.MaxBatchSize);
        var records = parser.Parse(request.Body);
        return parser.Errors.Count > 0
            ? throw new ValidationException(parser.Errors)
            : writer.StoreAsync(records, cancellationToken);
    }
}
