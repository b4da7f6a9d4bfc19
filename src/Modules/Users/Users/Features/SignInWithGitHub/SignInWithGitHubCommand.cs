using Users.Domain;

namespace Users.Features.SignInWithGitHub;

/// <param name="LinkToUserId">Set when a signed-in user started the flow: link GitHub to that account.</param>
internal sealed record SignInWithGitHubCommand(long GitHubId, string Login, string? Name, string? LinkToUserId) : IRequest<User>;
