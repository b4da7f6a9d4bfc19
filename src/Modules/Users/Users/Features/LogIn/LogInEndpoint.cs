using ModuleKit.Http;
using Users.Application;

namespace Users.Features.LogIn;

internal static class LogInEndpoint
{
    public static IEndpointRouteBuilder MapLogIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/login", async (LogInCommand command, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(command with { Client = ClientAddress.Of(http) }, cancellationToken)))
            .WithName("LogIn")
            .WithSummary("Exchange an id and password for a short-lived bearer token and a refresh token")
            .Produces<SessionTokens>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitPolicies.LogIn);
        return endpoints;
    }
}
