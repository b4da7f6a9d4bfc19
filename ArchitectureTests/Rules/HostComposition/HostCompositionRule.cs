using ArchitectureTests.Kit;
using ArchitectureTests.Model;

namespace ArchitectureTests.Rules.HostComposition;

internal static class HostCompositionRule
{
    public const string Description = "the Host uses a module's implementation only through its IModule entry point";

    public static RuleResult Check(ModuleModel model)
    {
        if (model.Host is null)
        {
            return new(Description, [new Violation(ModuleModel.HostAssemblyName, "is missing from the build output")]);
        }

        var entryPoints = model.Modules.ToDictionary(m => m.Name, m => m.EntryPoint.DisplayName());
        return new(Description, Types.InAssembly(model.Host).Should()
            .NotDependOn(d => entryPoints.TryGetValue(d.Assembly, out var entryPoint) && d.Type != entryPoint));
    }
}
