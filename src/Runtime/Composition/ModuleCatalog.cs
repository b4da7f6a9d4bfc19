using ModuleKit;

namespace ModuleRuntime.Composition;

/// <summary>The modules a process composes, in a stable order.</summary>
public sealed class ModuleCatalog(IEnumerable<IModule> modules)
{
    public IReadOnlyList<IModule> Modules { get; } = [.. modules.OrderBy(m => m.Name, StringComparer.Ordinal)];
}
