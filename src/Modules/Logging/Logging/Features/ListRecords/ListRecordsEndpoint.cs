using ModuleKit.Auth;

namespace Logging.Features.ListRecords;

internal static class ListRecordsEndpoint
{
    public static IEndpointRouteBuilder MapListRecords(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/records", async (
                    string? from, string? to, string? path, string? userId, string? module, int? status, string? cursor, int? limit,
                    IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new ListRecordsQuery(from, to, path, userId, module, status, cursor, limit), cancellationToken)))
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithName("ListLogRecords")
            .WithSummary("Stored records over a window, newest first, a page at a time; filter by path, userId, module or status (admins only)")
            .Produces<CursorPage<LogRecordView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}
