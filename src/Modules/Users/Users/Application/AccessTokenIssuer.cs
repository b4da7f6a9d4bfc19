using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;
using Users.Domain;


namespace Users.Application;

/// <summary>The access token a client presents to every module, in this process or an extracted one.</summary>
internal sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, UserProfile User, IReadOnlyList<string> Roles)
{
    public string TokenType => "Bearer";
}

internal sealed class AccessTokenIssuer(SigningKey key, IOptions<TokenOptions> options, IOptions<UsersOptions> users, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public IssuedToken Issue(User user)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + settings.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = user.Id,
            [TokenClaims.Name] = user.DisplayName,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        var isAdmin = users.Value.Admins.Any(admin => string.Equals(User.Normalize(admin), user.NormalizedId, StringComparison.Ordinal));
        if (isAdmin)
        {
            claims[TokenClaims.Role] = TokenClaims.AdminRole;
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = claims,
        });
        return new IssuedToken(token, expires, UserProfile.From(user),
            isAdmin ? [TokenClaims.AdminRole] : []);
    }
}
