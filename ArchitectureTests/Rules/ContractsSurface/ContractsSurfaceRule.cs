namespace ArchitectureTests.Rules.ContractsSurface;

internal static class ContractsSurfaceRule
{
    public const string Description = "a Contracts assembly references only MediatR, the BCL, ContractKinds and the shared kit ModuleKit";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules
        .Where(m => m.Contracts is not null)
        .SelectMany(m => Check(m.Contracts!)));

    private static IEnumerable<Violation> Check(AssemblyDefinition contracts)
    {
        // NetArchTest allows namespaces, so the allowed assemblies the contracts reference are read for theirs. One
        // that cannot be read only makes NetArchTest fail more types, which the check by assembly below then clears.
        var allowed = contracts.MainModule.AssemblyReferences
            .Where(reference => IsAllowed(reference.Name))
            .Select(contracts.TryResolve)
            .OfType<AssemblyDefinition>()
            .Prepend(contracts);
        return Types.FromFile(contracts.File())
            .Should().OnlyHaveDependenciesOn(Namespaces.Of(allowed))
            .GetResult()
            .Violations(contracts, d => d.Assembly != contracts.Name.Name && !IsAllowed(d.Assembly));
    }

    private static bool IsAllowed(string assembly) =>
        assembly is "MediatR" or ModuleModel.ContractKindsAssemblyName or ModuleModel.KitAssemblyName or "netstandard" or "mscorlib" or "System"
        || assembly.StartsWith("System.", StringComparison.Ordinal)
        || assembly.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
}
