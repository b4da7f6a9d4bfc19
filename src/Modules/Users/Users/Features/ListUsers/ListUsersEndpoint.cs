namespace Users.Features.ListUsers;

internal static class ListUsersEndpoint
{
    public static IEndpointRouteBuilder MapListUsers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Ok(await mediator.Send(new ListUsersQuery(page ?? 1, pageSize), cancellationToken)))
            .WithName("ListUsers")
            .WithSummary("Users in registration order, a page at a time (5 per page unless pageSize says otherwise; capped)")
            .Produces<UserPage>()
            .ProducesValidationProblem();
        return endpoints;
    }
}
