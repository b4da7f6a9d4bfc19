namespace ArchitectureTests.Model;

/// <summary>
/// Module X depends on module Y when X's implementation or contracts mention a type from Y's contracts or
/// implementation. Each edge keeps the usages that create it, so messages can name the types.
/// </summary>
internal sealed class ModuleGraph
{
    private ModuleGraph(IReadOnlyList<string> modules, IReadOnlyList<ModuleEdge> edges)
    {
        Modules = modules;
        Edges = edges;
    }

    public IReadOnlyList<string> Modules { get; }

    /// <summary>Ordered by source, then target.</summary>
    public IReadOnlyList<ModuleEdge> Edges { get; }

    public static ModuleGraph Of(ModuleModel model)
    {
        var edges = model.Modules
            .SelectMany(from => TypeDependencies.UsagesIn(from.Assemblies)
                .Select(usage => (usage, to: model.Modules.FirstOrDefault(m => m != from && m.Owns(usage.Dependency.Assembly))))
                .Where(found => found.to is not null)
                .GroupBy(found => found.to!.Name)
                .Select(group => new ModuleEdge(
                    from.Name,
                    group.Key,
                    [.. group.Select(found => found.usage).OrderBy(u => u.Type, StringComparer.Ordinal).ThenBy(u => u.Dependency.Type, StringComparer.Ordinal)])))
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
        return new ModuleGraph([.. model.Modules.Select(m => m.Name)], edges);
    }

    public IEnumerable<string> Successors(string module) => Edges.Where(e => e.From == module).Select(e => e.To);

    public ModuleEdge Edge(string from, string to) => Edges.Single(e => e.From == from && e.To == to);
}

internal sealed record ModuleEdge(string From, string To, IReadOnlyList<Usage> Usages);
