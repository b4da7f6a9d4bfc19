using ModuleKit.Text;
using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.SignUp;

internal sealed class SignUpHandler(
    UsersDbContext db,
    UserRegistration registration,
    Passwords passwords,
    TimeProvider clock) : IRequestHandler<SignUpCommand, UserProfile>
{
    public async Task<UserProfile> Handle(SignUpCommand request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Id);
        if (await db.Users.AnyAsync(u => u.NormalizedId == normalized, cancellationToken))
        {
            throw UserRegistration.Taken(request.Id);
        }

        var user = User.WithPassword(
            request.Id, UserText.Normalize(request.DisplayName), u => passwords.Hash(u, request.Password), clock.GetUtcNow());
        await registration.Register(user, cancellationToken);
        return UserProfile.From(user);
    }
}
