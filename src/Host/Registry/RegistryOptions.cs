namespace Monolith.Host.Registry;

/// <summary>The leases of the instance registry (<c>Registry</c>): how long one lasts unrenewed, and how often instances renew.</summary>
internal sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>An instance not heard from for this long is dropped (a crash, a network split).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the Host asks instances to renew; well under <see cref="LeaseDuration"/>, so one lost heartbeat is not fatal.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
}
