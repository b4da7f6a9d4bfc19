using Users.Application;

namespace Users.Features.LogIn;

internal sealed record LogInCommand(string Id, string Password) : IRequest<IssuedToken>;
