using System.Buffers;
using System.Text.Json;
using Logging.Contracts;
using Microsoft.Net.Http.Headers;
using ModuleKit.Http;

namespace Logging.Features.IngestLogs;

internal static class IngestLogsEndpoints
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary><c>POST /api/logs</c>: one record or an array of records in the module's own format.</summary>
    public static IEndpointRouteBuilder MapIngestLogs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/", (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Ingest(request, LogFormat.Api, mediator, cancellationToken))
            .Describe("IngestLogs",
                "Store one request record or a batch (array): method, path or url, status, durationMs; optionally id, timestamp, route, userId, ip, module, traceId and any other fields");
        return endpoints;
    }

    /// <summary>
    /// <c>POST /log</c>: whatever the lecture's log service took, any JSON object (ip, originalUrl, userID or user,
    /// req, ...), sent as JSON, as JSON in text/plain, or as a form; one or an array.
    /// </summary>
    public static IEndpointRouteBuilder MapLegacyLog(this IEndpointRouteBuilder root)
    {
        root.MapPost("/log", (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Ingest(request, LogFormat.Legacy, mediator, cancellationToken))
            .Describe("IngestLegacyLog",
                "Store a record in the lecture's format, any JSON object: originalUrl (kept whole), ip (the client's when left out), userID or user of any JSON type, req and any other fields; one or an array; also as text/plain JSON or a form",
                "text/plain", FormContentType);
        return root;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string name, string summary, params string[] moreContentTypes) => endpoint
        .AddEndpointFilter<IngestionAccessFilter>()
        .RequireRateLimiting(RateLimitPolicies.LogIngestion)
        .WithName(name)
        .WithSummary(summary)
        .Accepts<JsonElement>("application/json", moreContentTypes)
        .Produces<RecordedRequests>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    // The body is read here rather than bound as a parameter, so the access check runs before any of it is parsed.
    private static async Task<IResult> Ingest(HttpRequest request, LogFormat format, IMediator mediator, CancellationToken cancellationToken)
    {
        using var body = await ReadAsync(request, format, cancellationToken);
        var clientIp = format == LogFormat.Legacy ? ClientAddress.Of(request.HttpContext) : null;
        return Results.Ok(await mediator.Send(new IngestLogsCommand(body.RootElement, format, clientIp), cancellationToken));
    }

    /// <summary>
    /// The body as JSON. The lecture's clients also sent JSON labelled text/plain (a browser's fetch without a
    /// content type) and forms (curl -d, an HTML form), so /log reads those too; /api/logs takes only JSON.
    /// </summary>
    private static async Task<JsonDocument> ReadAsync(HttpRequest request, LogFormat format, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType() || (format == LogFormat.Legacy && IsMediaType(request, "text/plain")))
        {
            // Checked as it is read: every string in it can be read, so the parser meets no text it cannot transcode.
            return await request.ParseJsonDocumentAsync(cancellationToken);
        }

        if (format == LogFormat.Legacy && IsMediaType(request, FormContentType))
        {
            return await ReadFormAsync(request, cancellationToken);
        }

        throw new BadHttpRequestException(
            format == LogFormat.Api
                ? "The body must be JSON."
                : $"The body must be JSON (as application/json or text/plain) or a form ({FormContentType}).",
            StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>
    /// A form as the JSON object Express's urlencoded parser makes of it: each field a string, a field sent more
    /// than once an array of its values in order. Bracketed names (<c>req[headers]</c>) are not nested.
    /// </summary>
    private static async Task<JsonDocument> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException overLimit)
        {
            // The form reader's limits (field count, name and value lengths) are size caps like the body's.
            throw new BadHttpRequestException("The form has more fields, or longer names or values, than this server accepts.",
                StatusCodes.Status413PayloadTooLarge, overLimit);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in form)
            {
                if (values.Count == 1)
                {
                    writer.WriteString(name, values[0]);
                    continue;
                }

                writer.WriteStartArray(name);
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static bool IsMediaType(HttpRequest request, string mediaType) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
        && parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
