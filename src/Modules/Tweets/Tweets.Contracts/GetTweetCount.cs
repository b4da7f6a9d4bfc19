using ContractKinds;

namespace Tweets.Contracts;

/// <summary>How many tweets a user has posted and not deleted (0 for an unknown id). Ids match case-insensitively.</summary>
public sealed record GetTweetCount(string UserId) : IQuery<int>;
