using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit;
using ModuleKit.Auth;
using ModuleRuntime.Auth;

namespace ModuleRuntime.Remoting;

/// <summary>
/// Short-lived tokens one process presents to another's internal endpoints (contracts, event inbox). They carry
/// the role <see cref="Role"/> and, as subject, the user the call is made for, so the receiver knows both who
/// calls and for whom. Signed with the same key as access tokens; cached so a call costs no signing.
/// </summary>
public sealed class ServiceTokens(SigningKey key, IOptions<TokenOptions> options, TimeProvider clock, IHostEnvironment environment)
{
    public const string Role = "service";
    public const string Policy = "service";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int MaxCached = 10_000;

    private readonly JsonWebTokenHandler handler = new();
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> cache = new(StringComparer.Ordinal);

    public string For(string? userId)
    {
        var subject = string.IsNullOrEmpty(userId) ? $"service:{environment.ApplicationName}" : userId;
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(subject, out var cached) && cached.RenewAt > now)
        {
            return cached.Token;
        }

        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }

        var settings = options.Value;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.Subject] = subject,
                [TokenClaims.Role] = Role,
            },
        });
        cache[subject] = (token, now + Lifetime / 2);
        return token;
    }
}
