namespace Tweets.Features.FollowUser;

/// <summary>Start following a user; following someone already followed changes nothing.</summary>
internal sealed record FollowUserCommand(string FollowerId, string FolloweeId) : IRequest<Unit>;
