using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;
using Users.Domain;


namespace Users.Application;

/// <summary>
/// The access token a client presents to every module, in this process or an extracted one. Signed here, in a process
/// that hosts Users, with the current key; other processes validate it with the published public keys (docs/adr/0037).
/// </summary>
internal sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, UserProfile User, IReadOnlyList<string> Roles)
{
    public string TokenType => "Bearer";
}

internal sealed class AccessTokenIssuer(UserTokenKeys keys, IOptions<TokenOptions> options, IOptions<UsersOptions> users, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>
    /// The user-token keys, which only a process that hosts Users holds (docs/adr/0037): loaded now, so a bad key stops
    /// start-up naming its setting or file, and published at <see cref="TokenOptions.KeysPath"/> for every other process.
    /// </summary>
    public static void AddSigningKeys(IServiceCollection services, ModuleContext context)
    {
        var tokens = context.HostConfiguration.GetSection(TokenOptions.SectionName).Get<TokenOptions>() ?? new TokenOptions();
        var keys = UserTokenKeys.Load(tokens, context.DataDirectory);
        services.AddSingleton(keys);
        services.AddSingleton(keys.Current);
    }

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
            SigningCredentials = keys.Current.Credentials,
            Claims = claims,
        });
        return new IssuedToken(token, expires, UserProfile.From(user),
            isAdmin ? [TokenClaims.AdminRole] : []);
    }
}
