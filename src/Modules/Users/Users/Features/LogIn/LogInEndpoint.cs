using Users.Application;

namespace Users.Features.LogIn;

internal static class LogInEndpoint
{
    public static IEndpointRouteBuilder MapLogIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/login", async (LogInCommand command, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(command, cancellationToken)))
            .WithName("LogIn")
            .WithSummary("Exchange an id and password for a bearer token")
            .Produces<IssuedToken>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }
}
