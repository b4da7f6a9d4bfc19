namespace ModuleKit.Auth;

/// <summary>Settings for user access tokens (<c>Auth:Jwt</c>): signed where Users runs, validated by every process.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Auth:Jwt";

    /// <summary>Where the user-token public keys are published by a process that hosts Users (JWKS, RFC 7517).</summary>
    public const string KeysPath = "/.well-known/jwks.json";

    public string Issuer { get; set; } = "monolith";

    public string Audience { get; set; } = "monolith-api";

    /// <summary>Short, because a token cannot be recalled: a session ends when its refresh token does (docs/adr/0039).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An EC P-256 private key in PEM form, read only by a process that hosts Users. When empty, a key file in the
    /// data directory is used or created.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the key is kept when <see cref="SigningKey"/> is empty; relative to the data directory.</summary>
    public string SigningKeyFile { get; set; } = "jwt-signing-key.pem";

    /// <summary>
    /// Keys that signed earlier and still validate (PEM, public or private; only the public part is used), so tokens
    /// issued before a rotation keep working until they expire. Read by a process that hosts Users.
    /// </summary>
    public List<string> RetiredKeys { get; set; } = [];

    /// <summary>A folder in the data directory whose <c>*.pem</c> files are retired keys as well.</summary>
    public string RetiredKeysDirectory { get; set; } = "jwt-retired-keys";

    /// <summary>
    /// For a process that does not host Users: the public keys (PEM) to validate with. When empty, the keys are
    /// fetched from <see cref="KeysUrl"/>.
    /// </summary>
    public List<string> PublicKeys { get; set; } = [];

    /// <summary>
    /// For a process that does not host Users: where the public keys are published. When empty, the front door's
    /// (<c>FrontDoor:Url</c>) <see cref="KeysPath"/>.
    /// </summary>
    public string? KeysUrl { get; set; }

    /// <summary>How long fetched public keys are used before they are fetched again (an unknown key id fetches at once).</summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time between two fetches, so tokens with made-up key ids cannot make a process fetch on every request.</summary>
    public TimeSpan KeysRefreshMinimum { get; set; } = TimeSpan.FromSeconds(5);
}
