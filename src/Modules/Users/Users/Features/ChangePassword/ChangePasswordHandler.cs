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
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = User.Normalize(request.UserId);
        var client = request.Client ?? "unknown";
        if (await throttling.Reserve(normalized, client, now, cancellationToken) is { } refused)
        {
            throw refused;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken);
        if (passwords.Check(user, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            throw (ProblemException?)await throttling.Failed(normalized, client, now, cancellationToken)
                ?? new ForbiddenException("The current password is not correct.");
        }

        await throttling.Succeeded(normalized, client, cancellationToken);
        user!.ChangePassword(passwords.Hash(user, request.NewPassword!));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAll(user.Number, cancellationToken);
        return await sessions.Start(user, cancellationToken);
    }
}
