using System.Text.Json;
using Logging.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModuleKit.Http;

namespace Logging.Features.IngestLogs;

internal static class IngestLogsEndpoints
{
    /// <summary><c>POST /api/logs</c>: one record or an array of records in the module's own format.</summary>
    public static IEndpointRouteBuilder MapIngestLogs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/", (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Ingest(request, LogFormat.Api, mediator, cancellationToken))
            .Describe("IngestLogs",
                "Store one request record or a batch (array): method, path or url, status, durationMs; optionally id, timestamp, route, userId, ip, module, traceId and any other fields");
        return endpoints;
    }

    /// <summary><c>POST /log</c>: the body the lecture's log service took (ip, originalUrl, userID or user, req).</summary>
    public static IEndpointRouteBuilder MapLegacyLog(this IEndpointRouteBuilder root)
    {
        root.MapPost("/log", (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                Ingest(request, LogFormat.Legacy, mediator, cancellationToken))
            .Describe("IngestLegacyLog",
                "Store a record in the lecture's format: ip, originalUrl, userID or user, optionally req and any other fields; one or an array");
        return root;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string name, string summary) => endpoint
        .AddEndpointFilter<IngestionAccessFilter>()
        .WithName(name)
        .WithSummary(summary)
        .Accepts<JsonElement>("application/json")
        .Produces<RecordedRequests>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    // The body is read here rather than bound as a parameter, so the access check runs before any of it is parsed.
    private static async Task<IResult> Ingest(HttpRequest request, LogFormat format, IMediator mediator, CancellationToken cancellationToken)
    {
        // Checked as it is read: every string in it can be read, so the parser meets no text it cannot transcode.
        using var body = await request.ReadJsonDocumentAsync(cancellationToken);
        return Results.Ok(await mediator.Send(new IngestLogsCommand(body.RootElement, format), cancellationToken));
    }
}
