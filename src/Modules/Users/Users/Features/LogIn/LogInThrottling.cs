using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModuleKit.Data;
using ModuleKit.Problems;
using Users.Application;
using Users.Data;
using Users.Domain;

namespace Users.Features.LogIn;

/// <summary>
/// Slows password guessing without letting a stranger lock the owner out (docs/adr/0038). Failures are counted per
/// id and client address: <c>MaxFailedAttempts</c> in a row block that address, for that id, for <c>Duration</c>.
/// Failures from all addresses together block the id for <c>AccountDuration</c> after <c>AccountMaxFailedAttempts</c>,
/// except from addresses that logged in to it before, so the owner is never shut out by others' guesses. The same
/// counting runs for ids no account has, so no answer says whether an id exists.
/// </summary>
internal sealed class LogInThrottling(UsersDbContext db, Passwords passwords, IOptions<UsersOptions> options)
{
    /// <summary>
    /// A password check under the throttling, as log-in and password change both make it: refused while the address
    /// (or the id everywhere) is blocked; on a wrong password the failure is counted and the block it caused, or
    /// <paramref name="wrong"/>, is thrown; on a right one the address's failures are cleared. The account, and whether
    /// its hash wants renewing.
    /// </summary>
    public async Task<(User User, PasswordVerificationResult Result)> Check(
        string id, string password, string? client, DateTime now, Func<ProblemException> wrong, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(id);
        var from = client ?? "unknown";
        if (await Reserve(normalized, from, now, cancellationToken) is { } refused)
        {
            throw refused;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedId == normalized, cancellationToken);
        var result = passwords.Check(user, password);
        if (result == PasswordVerificationResult.Failed)
        {
            throw (ProblemException?)await Failed(normalized, from, now, cancellationToken) ?? wrong();
        }

        await Succeeded(normalized, from, cancellationToken);
        return (user!, result);
    }

    /// <summary>
    /// Counts the attempt before its password is checked, so parallel guesses get no more checks than serial ones;
    /// the refusal when the address (or the id everywhere) is blocked, or as many attempts are already being checked.
    /// </summary>
    public async Task<TooManyRequestsException?> Reserve(string id, string client, DateTime now, CancellationToken cancellationToken)
    {
        var lockout = options.Value.Lockout;
        await Ensure(id, client, cancellationToken);
        var pair = Row(id, client);
        var trusted = await pair.Select(t => t.Trusted).SingleAsync(cancellationToken);
        var everywhere = await Row(id, LogInThrottle.Everywhere).Select(t => t.BlockedUntil).SingleOrDefaultAsync(cancellationToken);
        if (!trusted && everywhere > now)
        {
            return Locked(everywhere.Value - now);
        }

        var counted = await pair
            .Where(t => t.Failures < lockout.MaxFailedAttempts && (t.BlockedUntil == null || t.BlockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1), cancellationToken);
        if (counted > 0)
        {
            return null;
        }

        var blockedUntil = await pair.Select(t => t.BlockedUntil).SingleAsync(cancellationToken);
        return blockedUntil > now
            ? Locked(blockedUntil.Value - now)
            : new TooManyRequestsException("Too many log-in attempts for this id at once. Try again in a moment.", TimeSpan.FromSeconds(1));
    }

    /// <summary>Records a wrong password; the refusal when this failure blocked the address.</summary>
    public async Task<TooManyRequestsException?> Failed(string id, string client, DateTime now, CancellationToken cancellationToken)
    {
        var lockout = options.Value.Lockout;
        var blocked = await Row(id, client)
            .Where(t => t.Failures >= lockout.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, now + lockout.Duration).SetProperty(t => t.Failures, 0), cancellationToken);

        // Failures everywhere are forgotten once none came for AccountDuration, so an owner's rare typos never add up.
        await Ensure(id, LogInThrottle.Everywhere, cancellationToken);
        var forgetBefore = now - lockout.AccountDuration;
        var everywhere = Row(id, LogInThrottle.Everywhere);
        await everywhere.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Failures, t => t.LastFailureAt == null || t.LastFailureAt < forgetBefore ? 1 : t.Failures + 1)
            .SetProperty(t => t.LastFailureAt, now), cancellationToken);
        await everywhere.Where(t => t.Failures >= lockout.AccountMaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, now + lockout.AccountDuration).SetProperty(t => t.Failures, 0), cancellationToken);

        return blocked > 0 ? Locked(lockout.Duration) : null;
    }

    /// <summary>The right password: this address starts again from zero and is trusted for the id from now on.</summary>
    public Task Succeeded(string id, string client, CancellationToken cancellationToken) =>
        Row(id, client).ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, 0).SetProperty(t => t.Trusted, true), cancellationToken);

    private IQueryable<LogInThrottle> Row(string id, string client) =>
        db.LogInThrottles.Where(t => t.NormalizedId == id && t.Client == client);

    private async Task Ensure(string id, string client, CancellationToken cancellationToken)
    {
        if (!await Row(id, client).AnyAsync(cancellationToken))
        {
            // A parallel attempt may insert it first; either way the row is there afterwards.
            await db.TryAddAsync(new LogInThrottle(id, client), cancellationToken);
        }
    }

    private static TooManyRequestsException Locked(TimeSpan remaining) => new(
        $"Too many failed log-ins: this id is locked for {Math.Ceiling(remaining.TotalMinutes)} more minute(s) from here. Try again later.",
        remaining);
}
