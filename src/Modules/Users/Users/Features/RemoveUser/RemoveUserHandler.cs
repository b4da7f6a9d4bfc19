using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.RemoveUser;

/// <summary>
/// Marks the account removed rather than deleting it: its tweets keep an author id, and a new sign-up must not
/// inherit them. Removing twice is the same as once.
/// </summary>
internal sealed class RemoveUserHandler(UsersDbContext db, Sessions sessions, TimeProvider clock) : IRequestHandler<RemoveUserCommand, Unit>
{
    public async Task<Unit> Handle(RemoveUserCommand request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Id);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken)
            ?? throw new NotFoundException($"There is no user with the id '{request.Id}'.");
        user.Remove(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAll(user.Number, cancellationToken);
        return Unit.Value;
    }
}
