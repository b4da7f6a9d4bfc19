using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace ModuleKit.Auth;

/// <summary>
/// A JSON Web Key Set (RFC 7517) of EC P-256 public keys for ES256: what a process publishes so that others can
/// validate what it signs. Built from the public parameters only, so a private part can never be written out.
/// </summary>
public sealed record JsonWebKeys([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys)
{
    public static JsonWebKeys Of(IEnumerable<ECDsaSecurityKey> keys) => new([.. keys.Select(PublicJsonWebKey.Of)]);

    /// <summary>The keys of a set as security keys to validate with (each with its key id); keys of another kind are left out.</summary>
    public static IReadOnlyList<SecurityKey> Parse(string json) =>
        [.. new JsonWebKeySet(json).Keys.Where(k => k is { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv: JsonWebKeyECTypes.P256 } && !k.HasPrivateKey)];
}

/// <summary>One public key of a <see cref="JsonWebKeys"/> set.</summary>
public sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg)
{
    public static PublicJsonWebKey Of(ECDsaSecurityKey key)
    {
        var point = key.ECDsa.ExportParameters(includePrivateParameters: false).Q;
        return new PublicJsonWebKey(
            JsonWebAlgorithmsKeyTypes.EllipticCurve, JsonWebKeyECTypes.P256, Base64UrlEncoder.Encode(point.X), Base64UrlEncoder.Encode(point.Y),
            key.KeyId, JsonWebKeyUseNames.Sig, SecurityAlgorithms.EcdsaSha256);
    }
}
