using Users.Contracts;
using Users.Data;
using Users.Domain;

namespace Users.Features.GetUserSummaries;

/// <summary>Serves the batch contract other modules use to show names next to user ids.</summary>
internal sealed class GetUserSummariesHandler(UsersDbContext db)
    : IRequestHandler<Contracts.GetUserSummaries, IReadOnlyList<UserSummary>>
{
    public async Task<IReadOnlyList<UserSummary>> Handle(Contracts.GetUserSummaries request, CancellationToken cancellationToken)
    {
        var normalized = request.UserIds.Where(id => id is not null).Select(User.Normalize).Distinct().ToList();
        if (normalized.Count == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedId))
            .OrderBy(u => u.Number)
            .Select(u => new UserSummary(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }
}
