using System.Security.Cryptography;
using System.Text;

namespace Extraction.Tests.Infrastructure;

/// <summary>ES256 tokens made by hand, as anyone holding a key file could make them: no library of the product's.</summary>
internal static class Jwt
{
    /// <summary>A token with these claims, signed with the PEM key <paramref name="pem"/>, valid for ten minutes.</summary>
    public static string Sign(string pem, string issuer, string audience, string subject, params (string Name, object Value)[] claims)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
        };
        foreach (var (name, value) in claims)
        {
            payload[name] = value;
        }

        var header = new Dictionary<string, object> { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = KeyId(key) };
        var signed = $"{Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Encode(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{signed}.{Encode(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256))}";
    }

    /// <summary>The key id the product gives a key (first 16 hex characters of the SHA-256 of its public point).</summary>
    public static string KeyId(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return KeyId(key);
    }

    /// <summary>The <c>kid</c> in a token's header.</summary>
    public static string KeyIdIn(string token) =>
        JsonDocument.Parse(Decode(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    public static string NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private static string KeyId(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return Convert.ToHexString(SHA256.HashData([.. point.X!, .. point.Y!]))[..16].ToLowerInvariant();
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
