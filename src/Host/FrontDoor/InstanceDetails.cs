using ModuleRuntime.Routing;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// What the module map says of each instance beyond its health: where it was found (configured, registered,
/// discovered, DNS), the version it registered with, its module database id and how long ago its lease was renewed.
/// </summary>
internal sealed class InstanceDetails(ModuleRouter router, InstanceVerdicts verdicts, TimeProvider clock)
{
    public IReadOnlyList<DestinationStatus> Add(string module, IReadOnlyList<DestinationStatus> destinations)
    {
        var instances = router.Instances(module);
        var now = clock.GetUtcNow();
        return [.. destinations.Select(d =>
        {
            var address = new Uri(d.Address);
            var found = instances.Where(i => i.Address == address).ToList();
            var registered = found.FirstOrDefault(i => i.RenewedAt is not null);
            return d with
            {
                Sources = [.. found.Select(i => i.Source).Distinct(StringComparer.Ordinal)],
                Version = found.Select(i => i.Version).FirstOrDefault(v => v is not null),
                // What the instance said when it registered, else what its last readiness probe reported.
                DatabaseId = found.Select(i => i.DatabaseId).FirstOrDefault(v => v is not null) ?? verdicts.DatabaseId(module, d.Address),
                LeaseAgeSeconds = registered?.RenewedAt is { } renewed ? Math.Round((now - renewed).TotalSeconds, 1) : null,
            };
        })];
    }
}
