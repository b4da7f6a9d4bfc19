namespace ArchitectureTests.Model;

/// <summary>
/// A module as the build output shows it: the implementation assembly (named after the module), its public
/// <c>IModule</c> entry point, and the <c>&lt;Name&gt;.Contracts</c> assembly beside it, when there is one.
/// </summary>
internal sealed record Module(string Name, AssemblyDefinition Implementation, TypeDefinition EntryPoint, AssemblyDefinition? Contracts)
{
    public string ContractsName => $"{Name}.Contracts";

    public IEnumerable<AssemblyDefinition> Assemblies => Contracts is null ? [Implementation] : [Implementation, Contracts];

    public bool Owns(string assemblyName) => assemblyName == Name || assemblyName == ContractsName;
}
