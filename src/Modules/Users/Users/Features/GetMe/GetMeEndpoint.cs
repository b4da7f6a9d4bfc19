using System.Security.Claims;
using Users.Domain;
using Users.Features.GetUser;

namespace Users.Features.GetMe;

internal static class GetMeEndpoint
{
    public static IEndpointRouteBuilder MapGetMe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/me", async (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetUserQuery(user.Identity!.Name!), cancellationToken)))
            .RequireAuthorization()
            .WithName("GetMe")
            .WithSummary("The signed-in user's profile")
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
