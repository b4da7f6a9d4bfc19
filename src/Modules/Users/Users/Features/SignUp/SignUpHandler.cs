using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ModuleKit.Problems;
using ModuleKit.Text;
using Users.Contracts;
using Users.Data;
using Users.Domain;

namespace Users.Features.SignUp;

internal sealed class SignUpHandler(
    UsersDbContext db,
    IPasswordHasher<User> hasher,
    IMediator mediator,
    TimeProvider clock) : IRequestHandler<SignUpCommand, UserProfile>
{
    public async Task<UserProfile> Handle(SignUpCommand request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Id);
        if (await db.Users.AnyAsync(u => u.NormalizedId == normalized, cancellationToken))
        {
            throw Taken(request.Id);
        }

        var user = User.WithPassword(
            request.Id, UserText.Normalize(request.DisplayName), u => hasher.HashPassword(u, request.Password), clock.GetUtcNow());
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueConstraint.IsViolation(e))
        {
            // Two sign-ups for the same id raced past the check above; the index decides.
            throw Taken(request.Id);
        }

        await mediator.Publish(new UserRegistered(user.Id, user.DisplayName, user.CreatedAt), cancellationToken);
        return UserProfile.From(user);
    }

    private static ConflictException Taken(string id) =>
        new($"The id '{id}' is already taken (ids ignore case). Choose another one.");
}
