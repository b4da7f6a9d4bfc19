namespace Monolith.Host.Discovery;

/// <summary>Where the front door finds module instances besides the routes file (<c>Discovery</c>).</summary>
internal sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    public const string Registry = "Registry";
    public const string Configuration = "Configuration";
    public const string Dns = "Dns";

    /// <summary>
    /// Any of <c>Registry</c> (instances announce themselves; the default), <c>Configuration</c> (service discovery
    /// over <c>Services:&lt;module&gt;:http</c>) and <c>Dns</c> (DNS SRV, as Kubernetes offers; not available in this build).
    /// </summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>How often service discovery is asked again for each module's instances.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The sources in force: those set, or the registry alone when none is.</summary>
    public IReadOnlyList<string> InForce => Sources.Count > 0 ? Sources : [Registry];

    public bool Uses(string source) => InForce.Contains(source, StringComparer.OrdinalIgnoreCase);
}
