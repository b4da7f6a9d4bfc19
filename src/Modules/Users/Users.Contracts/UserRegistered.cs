using MediatR;

namespace Users.Contracts;

/// <summary>Published once a new account exists, whether it signed up with a password or with GitHub.</summary>
public sealed record UserRegistered(string UserId, string DisplayName, DateTimeOffset RegisteredAt) : INotification;
