using Users.Domain;

namespace Users.Features.UpdateProfile;

/// <summary>Changes the signed-in user's display name; other modules show the new name from then on.</summary>
internal sealed record UpdateProfileCommand(string UserId, string? DisplayName) : IRequest<UserProfile>;

/// <summary>The body of <c>PATCH /api/users/me</c>.</summary>
internal sealed record UpdateProfileRequest(string? DisplayName);
