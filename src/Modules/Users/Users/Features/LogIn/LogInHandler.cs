using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.LogIn;

/// <summary>
/// Checks id and password. After <c>MaxFailedAttempts</c> failures in a row the account is locked for
/// <c>Duration</c>; while locked even the right password is refused, so guessing gains nothing.
/// Each attempt is counted before its password is checked, so parallel guesses get no more checks than serial ones.
/// </summary>
internal sealed class LogInHandler(
    UsersDbContext db,
    IPasswordHasher<User> hasher,
    AccessTokenIssuer tokens,
    IOptions<UsersOptions> options,
    TimeProvider clock) : IRequestHandler<LogInCommand, IssuedToken>
{
    private const string WrongCredentials = "The id or password is not correct.";

    private static readonly User Nobody = User.Nobody();
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<User>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public async Task<IssuedToken> Handle(LogInCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = User.Normalize(request.Id);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken);
        if (user is null || user.PasswordHash is null)
        {
            // Spend the same time as a real check so response times do not reveal which ids exist.
            hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, request.Password);
            throw new UnauthorizedException(WrongCredentials);
        }

        var users = db.Users.Where(u => u.Number == user.Number);
        var lockout = options.Value.Lockout;
        var counted = await users
            .Where(u => u.FailedLoginCount < lockout.MaxFailedAttempts && (u.LockedUntil == null || u.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), cancellationToken);
        if (counted == 0)
        {
            throw await Refused(users, now, cancellationToken);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            var until = now + lockout.Duration;
            var locked = await users
                .Where(u => u.FailedLoginCount >= lockout.MaxFailedAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until).SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
            throw locked > 0 ? Locked(lockout.Duration) : new UnauthorizedException(WrongCredentials);
        }

        await users.ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
        return tokens.Issue(user);
    }

    /// <summary>The account is locked, or as many attempts as it may have are already being checked.</summary>
    private static async Task<TooManyRequestsException> Refused(IQueryable<User> users, DateTime now, CancellationToken cancellationToken)
    {
        var lockedUntil = await users.Select(u => u.LockedUntil).SingleAsync(cancellationToken);
        return lockedUntil > now
            ? Locked(lockedUntil.Value - now)
            : new TooManyRequestsException("Too many log-in attempts for this account at once. Try again in a moment.", TimeSpan.FromSeconds(1));
    }

    private static TooManyRequestsException Locked(TimeSpan remaining) => new(
        $"Too many failed log-ins: this account is locked for {Math.Ceiling(remaining.TotalMinutes)} more minute(s). Try again later.",
        remaining);
}
