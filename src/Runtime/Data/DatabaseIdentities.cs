using System.Collections.Concurrent;

namespace ModuleRuntime.Data;

/// <summary>
/// The identities of the databases this process opened, one per module, known once they are migrated at start-up:
/// readiness reports them, and the Host's front door compares each instance's with its own.
/// </summary>
public sealed class DatabaseIdentities
{
    private readonly ConcurrentDictionary<string, DatabaseIdentity> byModule = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether every module database of this process has been opened and its identity read (start-up is past migration).</summary>
    public bool Known { get; private set; }

    public IReadOnlyList<DatabaseIdentity> All => [.. byModule.Values.OrderBy(i => i.Module, StringComparer.Ordinal)];

    /// <summary>The database id of <paramref name="module"/> in this process; null when it has no database here.</summary>
    public string? Of(string module) => byModule.TryGetValue(module, out var identity) ? identity.DatabaseId : null;

    internal void Record(DatabaseIdentity identity) => byModule[identity.Module] = identity;

    internal void Complete() => Known = true;
}
