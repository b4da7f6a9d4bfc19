using Microsoft.IdentityModel.Tokens;

namespace ModuleKit.Auth;

/// <summary>
/// The user-token keys of a process that hosts Users, the only kind of process that holds them: the current private
/// key, which signs, and the public parts of retired keys, which still validate so that tokens issued before a
/// rotation keep working until they expire. Every key here is published (public parts only) for other processes.
/// </summary>
public sealed class UserTokenKeys
{
    private UserTokenKeys(SigningKey current, IReadOnlyList<ECDsaSecurityKey> retired)
    {
        Current = current;
        Published = [current.PublicKey, .. retired.Where(k => k.KeyId != current.KeyId).DistinctBy(k => k.KeyId)];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey Current { get; }

    /// <summary>Public keys that validate: the current key first, then the retired ones.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Published { get; }

    /// <summary>
    /// The current key (<c>Auth:Jwt:SigningKey</c> or the data directory's key file, created when missing) and the retired
    /// ones (<c>Auth:Jwt:RetiredKeys</c> and the <c>*.pem</c> files in <c>&lt;data&gt;/jwt-retired-keys</c>). Loaded while
    /// services are registered, so a bad key stops start-up naming the setting or file.
    /// </summary>
    public static UserTokenKeys Load(TokenOptions options, DataDirectory data)
    {
        var current = SigningKey.Load(options, data);
        var retired = new List<ECDsaSecurityKey>();
        for (var i = 0; i < options.RetiredKeys.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options.RetiredKeys[i]))
            {
                retired.Add(EcKeys.PublicFromPem(options.RetiredKeys[i], $"configuration value Auth:Jwt:RetiredKeys:{i}"));
            }
        }

        var folder = Path.Combine(data.Path, options.RetiredKeysDirectory);
        if (Directory.Exists(folder))
        {
            retired.AddRange(Directory.EnumerateFiles(folder, "*.pem").Order(StringComparer.Ordinal)
                .Select(file => EcKeys.PublicFromPem(File.ReadAllText(file), file)));
        }

        return new UserTokenKeys(current, retired);
    }
}
