using ModuleKit.Data;
using ModuleKit.Events;
using Users.Contracts;
using Users.Data;
using Users.Domain;

namespace Users.Application;

/// <summary>Stores a new account and queues its announcement; shared by password sign-up and first GitHub sign-in.</summary>
internal sealed class UserRegistration(UsersDbContext db)
{
    public async Task Register(User user, CancellationToken cancellationToken)
    {
        // Stored with the account in one transaction: the event exists exactly when the account does.
        db.AddEvent(new UserRegistered(user.Id, user.DisplayName, user.CreatedAt), user.CreatedAt);
        if (!await db.TryAddAsync(user, cancellationToken))
        {
            // Two registrations for the same id raced past the callers' checks; the unique index decides.
            throw Taken(user.Id);
        }
    }

    public static ConflictException Taken(string id) =>
        new($"The id '{id}' is already taken (ids ignore case). Choose another one.");
}
