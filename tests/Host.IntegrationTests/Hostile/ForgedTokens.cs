using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Host.IntegrationTests.Hostile;

/// <summary>
/// Bearer tokens an attacker might send. The dangerous ones are signed with the Host's own key (read from its data
/// directory), so they pass the signature check and reach whatever trusts the claims.
/// </summary>
internal static class ForgedTokens
{
    public const string KeyFile = "jwt-signing-key.pem";
    private const string Issuer = "monolith";
    private const string Audience = "monolith-api";

    /// <summary>A token valid in every way but its claims: the subject is left out when null.</summary>
    public static string SignedWithHostKey(string dataPath, string? subject, DateTime? expires = null, IDictionary<string, object>? claims = null)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(dataPath, KeyFile)));
        return Sign(key, subject, expires ?? DateTime.UtcNow.AddMinutes(10), claims);
    }

    /// <summary>Every kind of forged or broken token, by name; a token the Host accepts is not among them.</summary>
    public static IReadOnlyList<(string Name, string Token)> All(string dataPath)
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode($"{{\"sub\":\"admin\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":4102444800}}");
        return
        [
            ("alg-none", $"{header}.{payload}."),
            ("wrong-key", Sign(otherKey, "admin", DateTime.UtcNow.AddMinutes(10), null)),
            ("expired", SignedWithHostKey(dataPath, "admin", DateTime.UtcNow.AddHours(-1))),
            ("missing-sub", SignedWithHostKey(dataPath, subject: null)),
            ("blank-sub", SignedWithHostKey(dataPath, subject: " ")),
            ("sub-rtl-zero-width", SignedWithHostKey(dataPath, "\u202Eadmin\u200B")),
            ("sub-huge", SignedWithHostKey(dataPath, new string('a', 4000))),
            ("sub-not-a-user", SignedWithHostKey(dataPath, "nobody_at_all")),
            ("role-admin-no-sub", SignedWithHostKey(dataPath, null, claims: new Dictionary<string, object> { ["role"] = "admin" })),
            ("garbage", "not-a-jwt"),
            ("three-dots", "a.b.c"),
            ("empty-parts", ".."),
            ("binary", Convert.ToBase64String(Encoding.UTF8.GetBytes("\u0000\uFFFD\u202E"))),
        ];
    }

    private static string Sign(ECDsa key, string? subject, DateTime expires, IDictionary<string, object>? claims)
    {
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (subject is not null)
        {
            all["sub"] = subject;
        }

        var securityKey = new ECDsaSecurityKey(key)
        {
            // The key is disposed after signing; a cached provider would outlive it.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = all,
            SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
