namespace ModuleRuntime.Routing;

/// <summary>
/// Where a module's instances are found besides its <c>Destinations</c> setting: the Host's registry, where instances
/// announce themselves, or service discovery (configuration, DNS). The router adds what each source knows to the
/// module's destinations (docs/adr/0043).
/// </summary>
public interface IInstanceSource
{
    /// <summary>The module's instances this source knows of now.</summary>
    IReadOnlyList<ModuleInstance> Instances(string module);

    /// <summary>Raised with a module's name when the source's instances of it changed.</summary>
    event Action<string>? Changed;
}

/// <summary>
/// An instance of a module and where it was found: <see cref="InstanceSources"/>. What it reported of itself (version,
/// database id) and when its lease was last renewed are known only for a registered instance.
/// </summary>
public sealed record ModuleInstance(Uri Address, string Source)
{
    public string? Version { get; init; }

    public string? DatabaseId { get; init; }

    public DateTimeOffset? RenewedAt { get; init; }
}

/// <summary>The names of the places an instance can be found, as the module map shows them.</summary>
public static class InstanceSources
{
    /// <summary>Listed in the module's <c>Destinations</c> setting (the routes file).</summary>
    public const string Configured = "configured";

    /// <summary>Announced itself to the Host's registry and keeps its lease.</summary>
    public const string Registered = "registered";

    /// <summary>Resolved through service discovery from configuration (<c>Services:&lt;name&gt;</c>).</summary>
    public const string Discovered = "discovered";

    /// <summary>Resolved through service discovery from DNS SRV records.</summary>
    public const string Dns = "DNS";
}
