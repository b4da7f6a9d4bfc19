using ContractKinds;

namespace Users.Contracts;

/// <summary>Ends the session a refresh token belongs to (log-out); true when there was one to end.</summary>
public sealed record EndSession(string RefreshToken) : ICommand<bool>;
