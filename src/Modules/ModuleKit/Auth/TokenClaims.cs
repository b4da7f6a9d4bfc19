namespace ModuleKit.Auth;

/// <summary>What an access token says about its caller, and the policy name of admin-only endpoints.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The role a token carries for the user ids configured as admins (<c>Modules:Users:Admins</c>).</summary>
    public const string AdminRole = "admin";

    /// <summary>The authorization policy of admin-only endpoints: a valid token with the admin role.</summary>
    public const string AdminPolicy = "admin";
}
