namespace ModuleRuntime.Discovery;

/// <summary>
/// What an extracted instance sends the Host's registry when it starts (<c>POST /internal/registry/instances</c>): the
/// module it hosts, the base address the front door should forward to, its build's version and the id of the module
/// database it opened (docs/adr/0036), which must be the Host's.
/// </summary>
public sealed record InstanceAnnouncement(string Module, string Address, string? Version, string? DatabaseId);

/// <summary>
/// The registry's answer: the lease to renew (<c>PUT /internal/registry/leases/{id}</c>) at
/// <paramref name="HeartbeatInterval"/> and to end on shutdown (<c>DELETE</c>); unrenewed for
/// <paramref name="LeaseDuration"/>, the instance is dropped.
/// </summary>
public sealed record InstanceLease(Guid Id, TimeSpan LeaseDuration, TimeSpan HeartbeatInterval);

/// <summary>The registry's paths and the problem types it refuses with.</summary>
public static class RegistryPaths
{
    public const string Instances = "/internal/registry/instances";
    public const string Leases = "/internal/registry/leases";

    /// <summary>A heartbeat for a lease the registry does not hold (it lapsed, or the Host restarted): register again.</summary>
    public const string UnknownLease = "urn:problem:unknown-lease";

    /// <summary>The instance's module database is not the one the Host knows for that module.</summary>
    public const string ForeignDatabase = "urn:problem:foreign-database";

    /// <summary>The caller's service identity is not the module's it registers.</summary>
    public const string WrongServiceIdentity = "urn:problem:wrong-service-identity";
}
