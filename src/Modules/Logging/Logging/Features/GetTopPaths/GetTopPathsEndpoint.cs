using ModuleKit.Auth;

namespace Logging.Features.GetTopPaths;

internal static class GetTopPathsEndpoint
{
    public static IEndpointRouteBuilder MapGetTopPaths(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/top-paths", async (string? from, string? to, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetTopPathsQuery(from, to, limit), cancellationToken)))
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithName("GetTopPaths")
            .WithSummary("The most requested paths over a window, with server errors and latency percentiles (admins only)")
            .Produces<TopPathsReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}
