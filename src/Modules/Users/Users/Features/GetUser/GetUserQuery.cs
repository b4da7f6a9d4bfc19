using Users.Domain;

namespace Users.Features.GetUser;

/// <summary>One account by id (any casing).</summary>
internal sealed record GetUserQuery(string Id) : IRequest<UserProfile>;
