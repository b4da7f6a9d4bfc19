using Microsoft.Extensions.Options;
using ModuleRuntime.Routing;

namespace Monolith.Host.Registry;

/// <summary>
/// The extracted instances that announced themselves, each under a lease it renews by heartbeat. Kept in the Host's
/// memory only: a restarted Host knows none until their next heartbeat finds its lease unknown and they register
/// again (docs/adr/0043). The router adds these instances to each module's destinations.
/// </summary>
internal sealed partial class InstanceRegistry(IOptions<RegistryOptions> options, TimeProvider clock, ILogger<InstanceRegistry> logger) : IInstanceSource
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Entry> leases = [];

    public event Action<string>? Changed;

    public TimeSpan LeaseDuration => options.Value.LeaseDuration;

    public IReadOnlyList<ModuleInstance> Instances(string module)
    {
        lock (gate)
        {
            return [.. leases.Values
                .Where(e => string.Equals(e.Module, module, StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.Address.ToString(), StringComparer.Ordinal)
                .Select(e => new ModuleInstance(e.Address, InstanceSources.Registered) { Version = e.Version, DatabaseId = e.DatabaseId, RenewedAt = e.RenewedAt })];
        }
    }

    /// <summary>A new lease for the instance; one it held before at the same address (a restart) is replaced.</summary>
    public Guid Register(string module, Uri address, string? version, string? databaseId)
    {
        var id = Guid.NewGuid();
        lock (gate)
        {
            foreach (var old in leases.Where(l => l.Value.Address == address && string.Equals(l.Value.Module, module, StringComparison.OrdinalIgnoreCase)).Select(l => l.Key).ToList())
            {
                leases.Remove(old);
            }

            leases[id] = new Entry(module, address, version, databaseId, clock.GetUtcNow());
        }

        LogRegistered(logger, address, module, version ?? "(unknown)", databaseId ?? "(none)");
        Changed?.Invoke(module);
        return id;
    }

    /// <summary>Renews a lease; false when the registry does not hold it (it lapsed, or this Host restarted).</summary>
    public bool Renew(Guid id)
    {
        lock (gate)
        {
            if (!leases.TryGetValue(id, out var entry))
            {
                return false;
            }

            leases[id] = entry with { RenewedAt = clock.GetUtcNow() };
            return true;
        }
    }

    public void Deregister(Guid id)
    {
        Entry? gone;
        lock (gate)
        {
            gone = leases.Remove(id, out var entry) ? entry : null;
        }

        if (gone is not null)
        {
            LogDeregistered(logger, gone.Address, gone.Module);
            Changed?.Invoke(gone.Module);
        }
    }

    /// <summary>Drops every instance whose lease was not renewed within the lease duration.</summary>
    public void DropLapsed()
    {
        var now = clock.GetUtcNow();
        List<Entry> lapsed;
        lock (gate)
        {
            var expired = leases.Where(l => now - l.Value.RenewedAt > options.Value.LeaseDuration).ToList();
            expired.ForEach(l => leases.Remove(l.Key));
            lapsed = [.. expired.Select(l => l.Value)];
        }

        foreach (var entry in lapsed)
        {
            LogLapsed(logger, entry.Address, entry.Module, (now - entry.RenewedAt).TotalSeconds);
        }

        foreach (var module in lapsed.Select(e => e.Module).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Changed?.Invoke(module);
        }
    }

    private sealed record Entry(string Module, Uri Address, string? Version, string? DatabaseId, DateTimeOffset RenewedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Address} of {Module} registered (version {Version}, database {DatabaseId})")]
    private static partial void LogRegistered(ILogger logger, Uri address, string module, string version, string databaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Address} of {Module} deregistered")]
    private static partial void LogDeregistered(ILogger logger, Uri address, string module);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {Address} of {Module} dropped: its lease lapsed {Seconds:0.0} s after its last heartbeat")]
    private static partial void LogLapsed(ILogger logger, Uri address, string module, double seconds);
}
