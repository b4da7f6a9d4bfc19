namespace Users.Domain;

/// <summary>
/// Failed log-ins for one id from one client address, or from everywhere (<see cref="Everywhere"/>). Kept for any id
/// typed, whether or not an account has it, so the answers never tell the two apart.
/// </summary>
internal sealed class LogInThrottle
{
    /// <summary>The <see cref="Client"/> of the row that counts failures from every address together.</summary>
    public const string Everywhere = "*";

    public const int ClientMaxLength = 64;

    public LogInThrottle(string normalizedId, string client)
    {
        NormalizedId = normalizedId;
        Client = client;
    }

    public string NormalizedId { get; private set; }

    public string Client { get; private set; }

    public int Failures { get; private set; }

    /// <summary>UTC, compared inside one UPDATE, so a <see cref="DateTime"/> as before (SQLite has no offsets).</summary>
    public DateTime? BlockedUntil { get; private set; }

    public DateTime? LastFailureAt { get; private set; }

    /// <summary>This address once logged in to the id with its password: the account-wide block does not apply to it.</summary>
    public bool Trusted { get; private set; }
}
