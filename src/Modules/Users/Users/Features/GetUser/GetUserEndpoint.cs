using Users.Domain;

namespace Users.Features.GetUser;

internal static class GetUserEndpoint
{
    public static IEndpointRouteBuilder MapGetUser(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new GetUserQuery(id), cancellationToken)))
            .WithName("GetUser")
            .WithSummary("One user's public profile")
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
