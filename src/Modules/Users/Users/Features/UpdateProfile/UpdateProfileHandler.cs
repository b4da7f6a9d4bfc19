using ModuleKit.Text;
using Users.Data;
using Users.Domain;

namespace Users.Features.UpdateProfile;

internal sealed class UpdateProfileHandler(UsersDbContext db) : IRequestHandler<UpdateProfileCommand, UserProfile>
{
    public async Task<UserProfile> Handle(UpdateProfileCommand request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.UserId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken)
            ?? throw new NotFoundException($"There is no user with the id '{request.UserId}'.");
        user.Rename(UserText.Normalize(request.DisplayName!));
        await db.SaveChangesAsync(cancellationToken);
        return UserProfile.From(user);
    }
}
