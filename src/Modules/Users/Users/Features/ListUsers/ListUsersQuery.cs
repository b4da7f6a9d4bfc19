using Users.Domain;

namespace Users.Features.ListUsers;

/// <summary>Users in registration order, one page at a time.</summary>
internal sealed record ListUsersQuery(int Page, int? PageSize) : IRequest<UserPage>;

internal sealed record UserPage(IReadOnlyList<UserProfile> Items, int Page, int PageSize, int TotalCount, int TotalPages);
