namespace Users.Domain;

/// <summary>
/// One refresh token, known only by the SHA-256 of its value. Each refresh replaces the token with a successor in
/// the same family; presenting a replaced token again ends the whole family (docs/adr/0039).
/// </summary>
internal sealed class RefreshToken
{
    public const int HashLength = 64;
    public const int FamilyLength = 32;

    private RefreshToken()
    {
    }

    public string Hash { get; private set; } = string.Empty;

    public long UserNumber { get; private set; }

    public string Family { get; private set; } = string.Empty;

    public DateTime IssuedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>When a successor replaced this token; null while it is the family's current one.</summary>
    public DateTime? ReplacedAt { get; private set; }

    public static RefreshToken Issue(string hash, long userNumber, string family, DateTime now, TimeSpan lifetime) => new()
    {
        Hash = hash,
        UserNumber = userNumber,
        Family = family,
        IssuedAt = now,
        ExpiresAt = now + lifetime,
    };
}
