using ContractKinds;

namespace Users.Contracts;

/// <summary>
/// Exchanges a refresh token for a new access token and a new refresh token; the one presented stops working.
/// Refused with 401 <c>urn:problem:unauthorized</c> when the token is unknown, expired, ended or already used (a used
/// token presented again ends every session of its family).
/// </summary>
public sealed record RefreshSession(string RefreshToken) : ICommand<IssuedSession>;
