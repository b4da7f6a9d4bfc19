using Microsoft.AspNetCore.Identity;
using Users.Application;
using Users.Data;
using Users.Domain;
using Users.Features.LogIn;

namespace Users.Features.ChangePassword;

/// <summary>
/// The current password is checked under the same throttling as a log-in, so a stolen access token cannot be used
/// to guess it faster. Every refresh token of the account is ended; access tokens already out lapse within minutes.
/// </summary>
internal sealed class ChangePasswordHandler(
    UsersDbContext db,
    Passwords passwords,
    LogInThrottling throttling,
    Sessions sessions,
    TimeProvider clock) : IRequestHandler<ChangePasswordCommand, SessionTokens>
{
    public async Task<SessionTokens> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var (user, _) = await throttling.Check(
            request.UserId, request.CurrentPassword!, request.Client, clock.GetUtcNow().UtcDateTime,
            () => new ForbiddenException("The current password is not correct."), cancellationToken);
        user.ChangePassword(passwords.Hash(user, request.NewPassword!));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAll(user.Number, cancellationToken);
        return await sessions.Start(user, cancellationToken);
    }
}
