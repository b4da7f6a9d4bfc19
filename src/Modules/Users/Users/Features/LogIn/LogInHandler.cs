using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModuleKit.Problems;
using Users.Data;
using Users.Domain;
using Users.Tokens;

namespace Users.Features.LogIn;

/// <summary>
/// Checks id and password. After <c>MaxFailedAttempts</c> failures in a row the account is locked for
/// <c>Duration</c>; while locked even the right password is refused, so guessing gains nothing.
/// </summary>
internal sealed class LogInHandler(
    UsersDbContext db,
    IPasswordHasher<User> hasher,
    AccessTokenIssuer tokens,
    IOptions<UsersOptions> options,
    TimeProvider clock) : IRequestHandler<LogInCommand, IssuedToken>
{
    private const string WrongCredentials = "The id or password is not correct.";

    public async Task<IssuedToken> Handle(LogInCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var normalized = User.Normalize(request.Id);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken);
        if (user is null || user.PasswordHash is null)
        {
            // Spend the same time as a real check so response times do not reveal which ids exist.
            hasher.VerifyHashedPassword(DummyUser, DummyHash.Value, request.Password);
            throw new UnauthorizedException(WrongCredentials);
        }

        if (user.IsLockedOut(now))
        {
            throw Locked(user.LockedUntil!.Value - now);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await RecordFailure(user.Number, now, cancellationToken);
            throw lockedUntil > now ? Locked(lockedUntil.Value - now) : new UnauthorizedException(WrongCredentials);
        }

        if (user.FailedLoginCount > 0)
        {
            await db.Users.Where(u => u.Number == user.Number)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0), cancellationToken);
        }

        return tokens.Issue(user);
    }

    /// <summary>Counts the failure in one statement, so concurrent wrong guesses cannot undercount.</summary>
    private async Task<DateTimeOffset?> RecordFailure(long number, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lockout = options.Value.Lockout;
        var until = now + lockout.Duration;
        await db.Users.Where(u => u.Number == number).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockedUntil, u => u.FailedLoginCount + 1 >= lockout.MaxFailedAttempts ? until : u.LockedUntil)
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= lockout.MaxFailedAttempts ? 0 : u.FailedLoginCount + 1),
            cancellationToken);
        return await db.Users.Where(u => u.Number == number).Select(u => u.LockedUntil).SingleAsync(cancellationToken);
    }

    private static TooManyRequestsException Locked(TimeSpan remaining) => new(
        $"Too many failed log-ins: this account is locked for {Math.Ceiling(remaining.TotalMinutes)} more minute(s). Try again later.",
        remaining);

    private static readonly User DummyUser = User.WithGitHub("dummy", "dummy", 0, "dummy", DateTimeOffset.UnixEpoch);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(DummyUser, Guid.NewGuid().ToString()));
}
