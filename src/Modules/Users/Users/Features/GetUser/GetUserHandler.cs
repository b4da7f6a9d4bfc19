using Users.Data;
using Users.Domain;

namespace Users.Features.GetUser;

internal sealed class GetUserHandler(UsersDbContext db) : IRequestHandler<GetUserQuery, UserProfile>
{
    public async Task<UserProfile> Handle(GetUserQuery request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Id);
        var profile = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedId == normalized && u.RemovedAt == null)
            .Select(u => new UserProfile(u.Id, u.DisplayName, u.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return profile ?? throw new NotFoundException($"There is no user with the id '{request.Id}'.");
    }
}
