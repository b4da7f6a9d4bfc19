using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ModuleKit.Auth;

/// <summary>
/// The ES256 key that signs and validates access tokens. It comes from configuration, or for local runs
/// from a key file in the data directory, generated on first start and readable only by its owner.
/// </summary>
public sealed class SigningKey
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private SigningKey(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        SecurityKey = new ECDsaSecurityKey(key)
        {
            KeyId = Convert.ToHexString(SHA256.HashData([.. parameters.Q.X!, .. parameters.Q.Y!]))[..16].ToLowerInvariant(),
        };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.EcdsaSha256);
    }

    public ECDsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    public static SigningKey Load(TokenOptions options, DataDirectory data)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return FromPem(options.SigningKey, "configuration value Auth:Jwt:SigningKey");
        }

        var path = Path.Combine(data.Path, options.SigningKeyFile);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        return FromPem(File.ReadAllText(path), path);
    }

    private static void TryCreate(string path)
    {
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

    private static bool HasPrivatePart(ECDsa key)
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

    private static SigningKey FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} is not a PEM-encoded EC private key.", e);
        }

        if (!HasPrivatePart(key))
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} is a public key; signing needs the private key.");
        }

        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != P256Oid)
        {
            key.Dispose();
            throw new InvalidOperationException($"The token signing key in {source} must be an EC P-256 key for ES256.");
        }

        return new SigningKey(key);
    }
}
