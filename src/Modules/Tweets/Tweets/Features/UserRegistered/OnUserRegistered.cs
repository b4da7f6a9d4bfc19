using MediatR;
using Microsoft.Extensions.Logging;
using Tweets.Domain;

namespace Tweets.Features.UserRegistered;

/// <summary>Keeps the local list of members up to date as accounts are created in the Users module.</summary>
internal sealed partial class OnUserRegistered(MemberDirectory members, ILogger<OnUserRegistered> logger)
    : INotificationHandler<Users.Contracts.UserRegistered>
{
    public async Task Handle(Users.Contracts.UserRegistered notification, CancellationToken cancellationToken)
    {
        try
        {
            // Not the request's token: a client hanging up after its account was created must not leave it unrecorded.
            await members.Add(notification.UserId, notification.RegisteredAt, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The member list is a cache (MemberDirectory asks Users for ids it lacks): failing here must not fail
            // the sign-up that published the event, whose account already exists.
            LogNotRecorded(logger, notification.UserId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {NewUserId} was not added to the Tweets module's member list; it will be looked up when needed")]
    private static partial void LogNotRecorded(ILogger logger, string newUserId, Exception exception);
}
