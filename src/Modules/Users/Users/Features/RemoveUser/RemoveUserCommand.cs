namespace Users.Features.RemoveUser;

internal sealed record RemoveUserCommand(string Id) : IRequest<Unit>;
