using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ModuleKit.Auth;

/// <summary>
/// An ES256 private key a process signs with: the key of user access tokens (only in a process hosting Users) or a
/// module's service credential. It comes from configuration, or for local runs from a key file in the data
/// directory, generated on first start and readable only by its owner.
/// </summary>
public sealed class SigningKey
{
    private SigningKey(ECDsa key)
    {
        SecurityKey = new ECDsaSecurityKey(key) { KeyId = EcKeys.KeyId(key) };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.EcdsaSha256);
        PublicKey = EcKeys.PublicOf(key);
    }

    /// <summary>The key with its private part: only for signing, never published.</summary>
    public ECDsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public part alone, with the same key id: what validators get.</summary>
    public ECDsaSecurityKey PublicKey { get; }

    public string KeyId => SecurityKey.KeyId;

    /// <summary>The user-token key: <c>Auth:Jwt:SigningKey</c>, or else the key file in the data directory (created when missing).</summary>
    public static SigningKey Load(TokenOptions options, DataDirectory data) =>
        !string.IsNullOrWhiteSpace(options.SigningKey)
            ? FromPem(options.SigningKey, "configuration value Auth:Jwt:SigningKey")
            : LoadOrCreate(Path.Combine(data.Path, options.SigningKeyFile));

    /// <summary>The key in the PEM file at <paramref name="path"/>, generated first when there is none.</summary>
    public static SigningKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        return FromPem(File.ReadAllText(path), path);
    }

    /// <summary>A private EC P-256 key in PEM form; <paramref name="source"/> names where it came from in the error.</summary>
    public static SigningKey FromPem(string pem, string source)
    {
        var key = EcKeys.Import(pem, source, "private key");
        if (!EcKeys.HasPrivatePart(key))
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} is a public key; signing needs the private key.");
        }

        return new SigningKey(key);
    }

    private static void TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            // CreateNew: when two processes start together, the first key written wins and both use it.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }
}

/// <summary>EC P-256 keys in PEM form: import with clear errors, key ids, public parts.</summary>
public static class EcKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The first 16 hex characters of the SHA-256 of the public point: the same for a key and its public part.</summary>
    public static string KeyId(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return Convert.ToHexString(SHA256.HashData([.. parameters.Q.X!, .. parameters.Q.Y!]))[..16].ToLowerInvariant();
    }

    /// <summary>
    /// A public key to validate with, from a PEM public or private key (only its public part is kept).
    /// </summary>
    public static ECDsaSecurityKey PublicFromPem(string pem, string source)
    {
        using var key = Import(pem, source, "key");
        return PublicOf(key);
    }

    /// <summary>The public part of <paramref name="key"/> as a security key of its own, with the key id.</summary>
    public static ECDsaSecurityKey PublicOf(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new ECDsaSecurityKey(ECDsa.Create(parameters)) { KeyId = KeyId(key) };
    }

    internal static ECDsa Import(string pem, string source, string kind)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} is not a PEM-encoded EC {kind}.", e);
        }

        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} must be an EC P-256 key for ES256.");
        }

        return key;
    }

    internal static bool HasPrivatePart(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
