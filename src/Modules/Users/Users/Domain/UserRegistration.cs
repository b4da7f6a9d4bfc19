using MediatR;
using ModuleKit.Data;
using ModuleKit.Problems;
using Users.Contracts;
using Users.Data;

namespace Users.Domain;

/// <summary>Stores a new account and announces it; shared by password sign-up and first GitHub sign-in.</summary>
internal sealed class UserRegistration(UsersDbContext db, IMediator mediator)
{
    public async Task Register(User user, CancellationToken cancellationToken)
    {
        if (!await db.TryAddAsync(user, cancellationToken))
        {
            // Two registrations for the same id raced past the callers' checks; the unique index decides.
            throw Taken(user.Id);
        }

        // The account is stored: its event goes out even if the client has hung up meanwhile.
        await mediator.Publish(new UserRegistered(user.Id, user.DisplayName, user.CreatedAt), CancellationToken.None);
    }

    public static ConflictException Taken(string id) =>
        new($"The id '{id}' is already taken (ids ignore case). Choose another one.");
}
