namespace Users;

/// <summary>The Users module's settings (<c>Modules:Users</c>).</summary>
internal sealed class UsersOptions
{
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Page sizes of the user list.</summary>
    public PageSize Paging { get; set; } = new() { Default = 5, Max = 50 };

    public GitHubOptions GitHub { get; set; } = new();

    /// <summary>User ids (any casing) whose tokens carry the admin role, for example for log analysis.</summary>
    public IReadOnlyList<string> Admins { get; set; } = [];

    internal sealed class LockoutOptions
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);
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
