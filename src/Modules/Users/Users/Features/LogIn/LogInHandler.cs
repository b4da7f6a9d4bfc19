using Microsoft.AspNetCore.Identity;
using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.LogIn;

/// <summary>
/// Checks id and password under <see cref="LogInThrottling"/>. An unknown id, an account without a password, a
/// removed account and a wrong password all get the same answer after the same work; a hash made at an older work
/// factor is replaced while the password is at hand.
/// </summary>
internal sealed class LogInHandler(
    UsersDbContext db,
    Passwords passwords,
    LogInThrottling throttling,
    Sessions sessions,
    TimeProvider clock) : IRequestHandler<LogInCommand, SessionTokens>
{
    public const string WrongCredentials = "The id or password is not correct.";

    public async Task<SessionTokens> Handle(LogInCommand request, CancellationToken cancellationToken)
    {
        var (user, result) = await throttling.Check(
            request.Id, request.Password, request.Client, clock.GetUtcNow().UtcDateTime, () => new UnauthorizedException(WrongCredentials), cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.ChangePassword(passwords.Hash(user, request.Password));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await sessions.Start(user, cancellationToken);
    }
}
