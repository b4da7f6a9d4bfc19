using Users.Domain;

namespace Users.Features.SignUp;

internal sealed record SignUpCommand(string Id, string Password, string DisplayName) : IRequest<UserProfile>;
