using Tweets.Application;
using Tweets.Domain;

namespace Tweets.Features.OnUserRegistered;

/// <summary>
/// Keeps the local list of members up to date as accounts are created in the Users module. Delivered from the
/// Users module's outbox through this module's inbox: a failure here is retried, and a repeat changes nothing.
/// </summary>
internal sealed class OnUserRegisteredHandler(MemberDirectory members) : INotificationHandler<Users.Contracts.UserRegistered>
{
    public Task Handle(Users.Contracts.UserRegistered notification, CancellationToken cancellationToken) =>
        members.Add(notification.UserId, notification.RegisteredAt, cancellationToken);
}
