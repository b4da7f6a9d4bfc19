namespace Tweets.Features.UnfollowUser;

/// <summary>Stop following a user; unfollowing someone not followed changes nothing.</summary>
internal sealed record UnfollowUserCommand(string FollowerId, string FolloweeId) : IRequest<Unit>;
