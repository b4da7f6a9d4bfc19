using ModuleKit.Http;
using Users.Domain;

namespace Users.Features.SignUp;

internal static class SignUpEndpoint
{
    public static IEndpointRouteBuilder MapSignUp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/", async (SignUpCommand command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var profile = await mediator.Send(command, cancellationToken);
                return Results.Created($"{UsersModule.Prefix}/{profile.Id}", profile);
            })
            .WithName("SignUp")
            .WithSummary("Create an account with an id, a password and a display name")
            .Produces<UserProfile>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitPolicies.SignUp);
        return endpoints;
    }
}
