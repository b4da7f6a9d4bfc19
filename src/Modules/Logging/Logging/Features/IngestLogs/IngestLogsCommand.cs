using System.Text.Json;
using Logging.Contracts;
using MediatR;

namespace Logging.Features.IngestLogs;

/// <summary>A posted body of one record or a batch, in one of the accepted formats; stored all or nothing.</summary>
internal sealed record IngestLogsCommand(JsonElement Body, LogFormat Format) : IRequest<RecordedRequests>;
