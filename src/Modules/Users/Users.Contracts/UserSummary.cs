namespace Users.Contracts;

/// <summary>What other modules may show of a user: the id and the current display name.</summary>
public sealed record UserSummary(string Id, string DisplayName);
