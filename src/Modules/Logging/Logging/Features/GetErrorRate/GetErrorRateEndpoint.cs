using ModuleKit.Auth;

namespace Logging.Features.GetErrorRate;

internal static class GetErrorRateEndpoint
{
    public static IEndpointRouteBuilder MapGetErrorRate(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/error-rate", async (string? from, string? to, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetErrorRateQuery(from, to), cancellationToken)))
            .RequireAuthorization(TokenClaims.AdminPolicy)
            .WithName("GetErrorRate")
            .WithSummary("Requests, client errors (4xx), server errors (5xx) and the server error rate over a window (admins only)")
            .Produces<ErrorRateReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }
}
