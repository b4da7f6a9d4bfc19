using Users.Contracts;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>Integration events as another process's outbox sends them to an inbox (<c>/internal/events/{module}</c>).</summary>
internal static class Envelopes
{
    /// <summary>A <see cref="UserRegistered"/> as the Users module's outbox would send it.</summary>
    public static object Registered(Guid eventId, string userId, string source = "Users") => new
    {
        id = eventId,
        source,
        type = typeof(UserRegistered).FullName,
        payload = JsonSerializer.SerializeToElement(new UserRegistered(userId, "From Elsewhere", DateTimeOffset.UtcNow), JsonSerializerOptions.Web),
        occurredAt = DateTimeOffset.UtcNow,
        traceParent = (string?)null,
    };
}
