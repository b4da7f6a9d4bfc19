using MediatR;

namespace Tweets.Features.FollowUser;

/// <summary>Start following a user; following someone already followed changes nothing.</summary>
internal sealed record FollowCommand(string FollowerId, string FolloweeId) : IRequest<Unit>;

/// <summary>Stop following a user; unfollowing someone not followed changes nothing.</summary>
internal sealed record UnfollowCommand(string FollowerId, string FolloweeId) : IRequest<Unit>;
