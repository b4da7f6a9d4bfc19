using ModuleKit.Http;
using Users.Contracts;

namespace Users.Features.RefreshSession;

internal static class RefreshSessionEndpoint
{
    public static IEndpointRouteBuilder MapRefreshSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/token/refresh", async (Contracts.RefreshSession command, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(command, cancellationToken)))
            .WithName("RefreshSession")
            .WithSummary("Exchange a refresh token for a new access token and a new refresh token (the one sent stops working)")
            .Produces<IssuedSession>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitPolicies.Refresh);
        return endpoints;
    }
}
