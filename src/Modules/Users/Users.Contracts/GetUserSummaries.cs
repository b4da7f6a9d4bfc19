using ContractKinds;

namespace Users.Contracts;

/// <summary>
/// Display summaries for a set of user ids, in one call (send one per page of results, never one per item).
/// Ids match case-insensitively; unknown ids are left out of the result. At most <see cref="MaxIds"/> ids.
/// </summary>
public sealed record GetUserSummaries(IReadOnlyCollection<string> UserIds) : IQuery<IReadOnlyList<UserSummary>>
{
    public const int MaxIds = 500;
}
