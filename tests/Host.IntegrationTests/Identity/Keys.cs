using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModuleKit.Auth;

namespace Host.IntegrationTests.Identity;

/// <summary>Keys and tokens as a test (or an attacker holding some key) makes them, outside any process.</summary>
internal static class Keys
{
    public static string NewPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public static string KeyIdOf(string pem) => SigningKey.FromPem(pem, "test").KeyId;

    /// <summary>A user access token valid in every way, signed with <paramref name="pem"/>; an admin's when asked.</summary>
    public static string UserToken(string pem, string subject, bool admin = false) => Sign(pem, "monolith", "monolith-api", subject, admin);

    /// <summary>Any token, signed with <paramref name="pem"/>.</summary>
    public static string Sign(string pem, string issuer, string audience, string subject, bool admin = false)
    {
        var claims = new Dictionary<string, object> { [TokenClaims.Subject] = subject, [TokenClaims.Name] = subject };
        if (admin)
        {
            claims[TokenClaims.Role] = TokenClaims.AdminRole;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = SigningKey.FromPem(pem, "test").Credentials,
            Claims = claims,
        });
    }

    /// <summary>The key id a token's header names.</summary>
    public static string KeyIdIn(string token) => new JsonWebToken(token).Kid;

    public static HttpClient Bearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
