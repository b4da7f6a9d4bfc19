using System.Security.Claims;
using Users.Domain;

namespace Users.Features.UpdateProfile;

internal static class UpdateProfileEndpoint
{
    public static IEndpointRouteBuilder MapUpdateProfile(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPatch("/me", async (UpdateProfileRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new UpdateProfileCommand(user.Identity!.Name!, body.DisplayName), cancellationToken)))
            .RequireAuthorization()
            .WithName("UpdateProfile")
            .WithSummary("Change the signed-in user's display name")
            .Produces<UserProfile>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }
}
