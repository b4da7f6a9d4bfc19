using Microsoft.Extensions.Options;
using Users.Data;
using Users.Domain;

namespace Users.Features.ListUsers;

internal sealed class ListUsersHandler(UsersDbContext db, IOptions<UsersOptions> options) : IRequestHandler<ListUsersQuery, UserPage>
{
    public async Task<UserPage> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        // Larger requests are capped rather than refused, so a client asking for "everything" still gets a page.
        var size = options.Value.Paging.For(request.PageSize);
        var total = await db.Users.CountAsync(cancellationToken);
        var items = await db.Users.AsNoTracking()
            .OrderBy(u => u.Number)
            .Skip((int)Math.Min(int.MaxValue, (long)(request.Page - 1) * size))
            .Take(size)
            .Select(u => new UserProfile(u.Id, u.DisplayName, u.CreatedAt))
            .ToListAsync(cancellationToken);
        return new UserPage(items, request.Page, size, total, (total + size - 1) / size);
    }
}
