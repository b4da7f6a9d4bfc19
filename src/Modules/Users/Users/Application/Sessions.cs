using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Users.Contracts;
using Users.Data;
using Users.Domain;

namespace Users.Application;

/// <summary>What a log-in answers: a short-lived access token, the refresh token that renews it, and who signed in.</summary>
internal sealed record SessionTokens(
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    UserProfile User,
    IReadOnlyList<string> Roles)
{
    public string TokenType => "Bearer";
}

/// <summary>
/// Sessions as Users keeps them (docs/adr/0039): a family of refresh tokens, stored as SHA-256 hashes, each used
/// once. A refresh replaces the token it presents; presenting a replaced token again means two parties hold it, so
/// the family ends, unless it comes within <see cref="ReuseGrace"/> of the replacement (two tabs of one browser
/// refreshing at once).
/// </summary>
internal sealed class Sessions(UsersDbContext db, AccessTokenIssuer tokens, IOptions<UsersOptions> options, TimeProvider clock)
{
    public const int MaxTokenLength = 200;

    private static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(5);

    public async Task<SessionTokens> Start(User user, CancellationToken cancellationToken)
    {
        var access = tokens.Issue(user);
        var (value, refresh) = NewToken(user.Number, Guid.NewGuid().ToString("N"));
        db.RefreshTokens.Add(refresh);
        await db.SaveChangesAsync(cancellationToken);
        return new SessionTokens(access.AccessToken, access.ExpiresAt, value, Utc(refresh.ExpiresAt), access.User, access.Roles);
    }

    public async Task<IssuedSession> Refresh(string presented, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = HashOf(presented);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (token is null || token.ExpiresAt <= now)
        {
            throw Refused();
        }

        // One conditional UPDATE: of two refreshes racing with the same token, exactly one replaces it.
        var replaced = await db.RefreshTokens.Where(t => t.Hash == hash && t.ReplacedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedAt, now), cancellationToken);
        if (replaced == 0)
        {
            var replacedAt = await db.RefreshTokens.Where(t => t.Hash == hash).Select(t => t.ReplacedAt).SingleOrDefaultAsync(cancellationToken);
            if (replacedAt is null || now - replacedAt > ReuseGrace)
            {
                await EndFamily(token.Family, cancellationToken);
            }

            throw Refused();
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Number == token.UserNumber && u.RemovedAt == null, cancellationToken);
        if (user is null)
        {
            await EndFamily(token.Family, cancellationToken);
            throw Refused();
        }

        var access = tokens.Issue(user);
        var (value, next) = NewToken(user.Number, token.Family);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedSession(access.AccessToken, access.ExpiresAt, value, Utc(next.ExpiresAt));
    }

    /// <summary>Ends the family the token belongs to, whether or not it is the current one; false when none is known.</summary>
    public async Task<bool> End(string presented, CancellationToken cancellationToken)
    {
        var hash = HashOf(presented);
        var family = await db.RefreshTokens.Where(t => t.Hash == hash).Select(t => t.Family).SingleOrDefaultAsync(cancellationToken);
        return family is not null && await EndFamily(family, cancellationToken) > 0;
    }

    /// <summary>Ends every session of the account (password change, removal).</summary>
    public Task<int> EndAll(long userNumber, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.UserNumber == userNumber).ExecuteDeleteAsync(cancellationToken);

    private Task<int> EndFamily(string family, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.Family == family).ExecuteDeleteAsync(cancellationToken);

    private (string Value, RefreshToken Stored) NewToken(long userNumber, string family)
    {
        // 256 random bits: the value is the whole credential, so only its hash is stored.
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        return (value, RefreshToken.Issue(HashOf(value), userNumber, family, now, options.Value.Sessions.RefreshTokenLifetime));
    }

    private static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static UnauthorizedException Refused() =>
        new("This session has ended or the refresh token is not valid. Log in again.");
}
