namespace Users.Contracts;

/// <summary>A new access token and the refresh token that replaces the one presented.</summary>
public sealed record IssuedSession(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt)
{
    public string TokenType => "Bearer";
}
