namespace Users.Domain;

/// <summary>An account. <see cref="Id"/> is what the person chose, in their casing; uniqueness ignores case.</summary>
internal sealed class User
{
    private User()
    {
    }

    /// <summary>Registration order; gives the user list a stable order.</summary>
    public long Number { get; private set; }

    public string Id { get; private set; } = string.Empty;

    public string NormalizedId { get; private set; } = string.Empty;

    public string DisplayName { get; private set; } = string.Empty;

    public string? PasswordHash { get; private set; }

    public long? GitHubId { get; private set; }

    public string? GitHubLogin { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an admin removed the account; it then cannot log in, and its id stays taken.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public static User WithPassword(string id, string displayName, Func<User, string> hashPassword, DateTimeOffset now)
    {
        var user = New(id, displayName, now);
        user.PasswordHash = hashPassword(user);
        return user;
    }

    /// <summary>An account that exists nowhere, to spend a password check on when the id is unknown.</summary>
    public static User Nobody() => New("nobody", "nobody", DateTimeOffset.UnixEpoch);

    public static User WithGitHub(string id, string displayName, long gitHubId, string gitHubLogin, DateTimeOffset now)
    {
        var user = New(id, displayName, now);
        user.LinkGitHub(gitHubId, gitHubLogin);
        return user;
    }

    public static string Normalize(string id) => id.ToUpperInvariant();

    public void Rename(string displayName) => DisplayName = displayName;

    public void ChangePassword(string passwordHash) => PasswordHash = passwordHash;

    public void Remove(DateTimeOffset now) => RemovedAt ??= now;

    public void LinkGitHub(long gitHubId, string gitHubLogin)
    {
        GitHubId = gitHubId;
        GitHubLogin = gitHubLogin;
    }

    private static User New(string id, string displayName, DateTimeOffset now) => new()
    {
        Id = id,
        NormalizedId = Normalize(id),
        DisplayName = displayName,
        CreatedAt = now,
    };
}
