using ContractKinds;

namespace Tweets.Contracts;

/// <summary>How many tweets a user has posted and not deleted (0 for an unknown id). Ids match case-insensitively.</summary>
/// <remarks>
/// Published API: no module in this repository asks it yet. It is the query a module outside the Host (or a new one)
/// uses to show activity without reading Tweets' data, and the query the remote-contract tests call.
/// </remarks>
public sealed record GetTweetCount(string UserId) : IQuery<int>;
