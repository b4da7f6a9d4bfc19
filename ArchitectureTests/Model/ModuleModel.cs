namespace ArchitectureTests.Model;

/// <summary>
/// The modules and the Host found in a folder of assemblies. The same discovery runs over the real build output
/// and over fixtures written to a folder of their own, so every rule is exercised on both; and every assembly in the
/// model is a file, which is all NetArchTest reads.
/// </summary>
internal sealed class ModuleModel
{
    public const string ModuleInterface = "ModuleKit.IModule";
    public const string KitAssemblyName = "ModuleKit";
    public const string ContractKindsAssemblyName = "ContractKinds";
    public const string RuntimeAssemblyName = "ModuleRuntime";
    public const string HostAssemblyName = "Monolith.Host";
    public const string ServiceSuffix = ".Service";

    private ModuleModel(IReadOnlyList<Module> modules, AssemblyDefinition? host, IReadOnlyList<AssemblyDefinition> extractedServices)
    {
        Modules = modules;
        Host = host;
        ExtractedServices = extractedServices;
    }

    /// <summary>Every module, ordered by name.</summary>
    public IReadOnlyList<Module> Modules { get; }

    public AssemblyDefinition? Host { get; }

    /// <summary>The processes that host one module each (<c>src/Extracted/&lt;Name&gt;.Service</c>), ordered by name.</summary>
    public IReadOnlyList<AssemblyDefinition> ExtractedServices { get; }

    /// <summary>Every assembly a rule checks: the modules' implementations and contracts, the Host and the extracted services.</summary>
    public IEnumerable<AssemblyDefinition> Assemblies =>
        Modules.SelectMany(m => m.Assemblies).Concat(Host is null ? [] : [Host]).Concat(ExtractedServices);

    public static ModuleModel FromDirectory(string directory)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(directory);
        var parameters = new ReaderParameters { AssemblyResolver = resolver, InMemory = true };
        var assemblies = Directory.EnumerateFiles(directory, "*.dll")
            .Select(path => TryRead(path, parameters))
            .OfType<AssemblyDefinition>()
            .ToList();
        return From(assemblies);
    }

    /// <summary>
    /// A module implementation is an assembly holding a public, non-abstract class that implements
    /// <c>ModuleKit.IModule</c>; its contracts are the assembly named <c>&lt;Name&gt;.Contracts</c>. An extracted
    /// service is an assembly named <c>&lt;Name&gt;.Service</c> built on the kit.
    /// </summary>
    private static ModuleModel From(IEnumerable<AssemblyDefinition> assemblies)
    {
        var byName = assemblies.ToDictionary(a => a.Name.Name);
        var modules = byName.Values
            .Select(assembly => (assembly, entryPoint: EntryPointOf(assembly)))
            .Where(found => found.entryPoint is not null)
            .Select(found => new Module(
                found.assembly.Name.Name,
                found.assembly,
                found.entryPoint!,
                byName.GetValueOrDefault($"{found.assembly.Name.Name}.Contracts")))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var services = byName.Values
            .Where(a => a.Name.Name.EndsWith(ServiceSuffix, StringComparison.Ordinal)
                && a.MainModule.AssemblyReferences.Any(r => r.Name == KitAssemblyName))
            .OrderBy(a => a.Name.Name, StringComparer.Ordinal)
            .ToList();
        return new ModuleModel(modules, byName.GetValueOrDefault(HostAssemblyName), services);
    }

    private static TypeDefinition? EntryPointOf(AssemblyDefinition assembly) =>
        assembly.MainModule.AssemblyReferences.Any(r => r.Name == KitAssemblyName)
            ? assembly.MainModule.Types
                .Where(t => t.IsPublic && t.IsClass && !t.IsAbstract && t.Implements(ModuleInterface))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static AssemblyDefinition? TryRead(string path, ReaderParameters parameters)
    {
        try
        {
            return AssemblyDefinition.ReadAssembly(path, parameters);
        }
        catch (BadImageFormatException)
        {
            return null; // a native library
        }
    }
}
