using ArchitectureTests.Kit;
using ArchitectureTests.Model;

namespace ArchitectureTests.Rules.ContractsSurface;

internal static class ContractsSurfaceRule
{
    public const string Description = "a Contracts assembly references only MediatR, the BCL and the shared kit ModuleKit";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules
        .Where(m => m.Contracts is not null)
        .SelectMany(m => Types.InAssembly(m.Contracts!).Should().OnlyDependOn(d => d.Assembly == m.ContractsName || IsAllowed(d.Assembly))));

    private static bool IsAllowed(string assembly) =>
        assembly is "MediatR" or ModuleModel.KitAssemblyName or "netstandard" or "mscorlib" or "System"
        || assembly.StartsWith("System.", StringComparison.Ordinal)
        || assembly.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
}
