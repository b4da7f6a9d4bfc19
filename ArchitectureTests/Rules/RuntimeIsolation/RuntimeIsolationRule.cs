namespace ArchitectureTests.Rules.RuntimeIsolation;

/// <summary>
/// A module author builds on ModuleKit alone; composition, routing, remote contracts and event delivery belong to
/// the hosts. A module that reached into ModuleRuntime would work only inside the process it was written for.
/// </summary>
internal static class RuntimeIsolationRule
{
    public const string Description = "a module's implementation and contracts use the authoring kit, never the host runtime";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules
        .SelectMany(module => module.Assemblies)
        .SelectMany(assembly => Types.FromFile(assembly.File())
            .ShouldNot().HaveDependencyOn(ModuleModel.RuntimeAssemblyName)
            .GetResult()
            .Violations(assembly, d => d.Assembly == ModuleModel.RuntimeAssemblyName)));
}
