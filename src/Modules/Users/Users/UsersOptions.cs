namespace Users;

/// <summary>The Users module's settings (<c>Modules:Users</c>).</summary>
internal sealed class UsersOptions
{
    public LockoutOptions Lockout { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

    public PasswordOptions Passwords { get; set; } = new();

    /// <summary>Page sizes of the user list.</summary>
    public PageSize Paging { get; set; } = new() { Default = 5, Max = 50 };

    public GitHubOptions GitHub { get; set; } = new();

    /// <summary>User ids (any casing) whose tokens carry the admin role, for example for log analysis.</summary>
    public IReadOnlyList<string> Admins { get; set; } = [];

    /// <summary>Log-in throttling (docs/adr/0038): per id and client address, and per id from everywhere.</summary>
    internal sealed class LockoutOptions
    {
        /// <summary>Wrong passwords for one id from one address before that address is blocked for <see cref="Duration"/>.</summary>
        public int MaxFailedAttempts { get; set; } = 5;

        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Wrong passwords for one id from all addresses together (within <see cref="AccountDuration"/> of each other)
        /// before the id is blocked for <see cref="AccountDuration"/> everywhere but the addresses that logged in to it before.
        /// </summary>
        public int AccountMaxFailedAttempts { get; set; } = 20;

        public TimeSpan AccountDuration { get; set; } = TimeSpan.FromMinutes(15);
    }

    internal sealed class SessionOptions
    {
        /// <summary>How long a refresh token may go unused; each refresh issues a new one for as long again.</summary>
        public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    }

    internal sealed class PasswordOptions
    {
        /// <summary>PBKDF2-HMAC-SHA512 iterations for new hashes; an older hash is replaced at its next log-in.</summary>
        public int Iterations { get; set; } = 210_000;
    }

    internal sealed class GitHubOptions
    {
        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        public string AuthorizationEndpoint { get; set; } = "https://github.com/login/oauth/authorize";

        public string TokenEndpoint { get; set; } = "https://github.com/login/oauth/access_token";

        public string UserInformationEndpoint { get; set; } = "https://api.github.com/user";

        public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
    }
}
