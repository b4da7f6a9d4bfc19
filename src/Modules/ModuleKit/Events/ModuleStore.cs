using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ModuleKit.Events;

/// <summary>A module's database context type, so the kit can keep its outbox and inbox in the module's own database.</summary>
internal sealed record ModuleStore(string Module, Type ContextType)
{
    /// <summary>The module's context as <paramref name="services"/> (a scope) hands it out: the one its handlers get.</summary>
    public DbContext Context(IServiceProvider services) => (DbContext)services.GetRequiredService(ContextType);

    /// <summary>The store of <paramref name="module"/> (any casing), or null when it declared no database.</summary>
    public static ModuleStore? Of(IEnumerable<ModuleStore> stores, string module) =>
        stores.FirstOrDefault(s => string.Equals(s.Module, module, StringComparison.OrdinalIgnoreCase));
}
