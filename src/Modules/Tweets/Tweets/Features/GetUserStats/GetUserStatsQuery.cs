namespace Tweets.Features.GetUserStats;

/// <summary>A user page's numbers; <see cref="ViewerId"/> is the signed-in caller, if any.</summary>
internal sealed record GetUserStatsQuery(string UserId, string? ViewerId) : IRequest<UserStats>;

/// <summary><see cref="FollowedByYou"/> is null for an anonymous caller.</summary>
internal sealed record UserStats(string UserId, int Tweets, int Followers, int Following, bool? FollowedByYou);
