using Microsoft.Extensions.DependencyModel;
using ModuleKit;

namespace Monolith.Host;

/// <summary>
/// Finds every module the Host was built with by scanning its dependencies for <see cref="IModule"/>
/// implementations, so adding a module is a project reference, not an edit here.
/// </summary>
internal static class ModuleDiscovery
{
    public static IReadOnlyList<IModule> FindModules()
    {
        var scan = new ServiceCollection();
        scan.Scan(selector => selector
            .FromDependencyContext(DependencyContext.Default!, IsApplicationAssembly)
            .AddClasses(classes => classes.AssignableTo<IModule>())
            .As<IModule>()
            .WithSingletonLifetime());
        using var provider = scan.BuildServiceProvider();
        var modules = provider.GetServices<IModule>().ToList();

        var duplicate = modules.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? modules
            : throw new InvalidOperationException($"Two modules are named '{duplicate.Key}'; module names must be unique.");
    }

    private static bool IsApplicationAssembly(System.Reflection.Assembly assembly)
    {
        var name = assembly.GetName().Name ?? string.Empty;
        return !name.StartsWith("System", StringComparison.Ordinal)
            && !name.StartsWith("Microsoft", StringComparison.Ordinal);
    }
}
