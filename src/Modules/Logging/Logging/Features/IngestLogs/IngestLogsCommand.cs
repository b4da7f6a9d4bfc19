using System.Text.Json;
using Logging.Contracts;

namespace Logging.Features.IngestLogs;

/// <summary>
/// A posted body of one record or a batch, in one of the accepted formats; stored all or nothing. <paramref name="ClientIp"/>
/// is the sending client's address, the ip of a lecture-format record that names none.
/// </summary>
internal sealed record IngestLogsCommand(JsonElement Body, LogFormat Format, string? ClientIp = null) : IRequest<RecordedRequests>;
