using System.Security.Claims;
using ModuleKit.Http;
using Users.Application;

namespace Users.Features.ChangePassword;

internal static class ChangePasswordEndpoint
{
    public static IEndpointRouteBuilder MapChangePassword(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/me/password", async (ChangePasswordRequest body, ClaimsPrincipal user, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(
                    new ChangePasswordCommand(user.Identity!.Name!, body.CurrentPassword, body.NewPassword) { Client = ClientAddress.Of(http) },
                    cancellationToken)))
            .RequireAuthorization()
            .WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password: every other session ends, and this answer starts a new one")
            .Produces<SessionTokens>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }
}
