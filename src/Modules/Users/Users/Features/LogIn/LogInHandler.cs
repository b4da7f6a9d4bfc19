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
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = User.Normalize(request.Id);
        var client = request.Client ?? "unknown";
        if (await throttling.Reserve(normalized, client, now, cancellationToken) is { } refused)
        {
            throw refused;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken);
        var result = passwords.Check(user, request.Password);
        if (result == PasswordVerificationResult.Failed)
        {
            throw (ProblemException?)await throttling.Failed(normalized, client, now, cancellationToken) ?? new UnauthorizedException(WrongCredentials);
        }

        await throttling.Succeeded(normalized, client, cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user!.ChangePassword(passwords.Hash(user, request.Password));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await sessions.Start(user!, cancellationToken);
    }
}
