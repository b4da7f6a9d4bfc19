namespace ModuleKit.Auth;

/// <summary>Settings for the access tokens every process validates (<c>Auth:Jwt</c>).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Auth:Jwt";

    public string Issuer { get; set; } = "monolith";

    public string Audience { get; set; } = "monolith-api";

    /// <summary>Short, because a token cannot be recalled: a session ends when its refresh token does (docs/adr/0039).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An EC P-256 private key in PEM form. When empty, a key file in the data directory is used or created.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the key is kept when <see cref="SigningKey"/> is empty; relative to the data directory.</summary>
    public string SigningKeyFile { get; set; } = "jwt-signing-key.pem";
}
