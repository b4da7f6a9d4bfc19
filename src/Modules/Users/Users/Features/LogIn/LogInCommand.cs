using System.Text.Json.Serialization;
using Users.Application;

namespace Users.Features.LogIn;

internal sealed record LogInCommand(string Id, string Password) : IRequest<SessionTokens>
{
    /// <summary>The caller's address, set by the endpoint (never from the body): failures are counted per address.</summary>
    [JsonIgnore]
    public string? Client { get; init; }
}
