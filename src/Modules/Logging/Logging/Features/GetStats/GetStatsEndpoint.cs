using ModuleKit.Auth;

namespace Logging.Features.GetStats;

internal static class GetStatsEndpoint
{
    public static IEndpointRouteBuilder MapGetStats(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/stats", async (string? by, string? from, string? to, int? limit, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetStatsQuery(by, from, to, limit), cancellationToken)))
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithName("GetLogStats")
            .WithSummary("Request counts, server errors and p50/p95/p99 latency by path, route, module, user, status or minute over a window (admins only)")
            .Produces<StatsReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}
