using System.Text.Json.Serialization;
using Users.Application;

namespace Users.Features.ChangePassword;

/// <summary>Replaces the signed-in user's password, ends all their sessions, and starts a new one for this caller.</summary>
internal sealed record ChangePasswordCommand(string UserId, string? CurrentPassword, string? NewPassword) : IRequest<SessionTokens>
{
    [JsonIgnore]
    public string? Client { get; init; }
}

/// <summary>The body of <c>PUT /api/users/me/password</c>.</summary>
internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
