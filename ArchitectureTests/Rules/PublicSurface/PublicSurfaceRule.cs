using ArchitectureTests.Kit;
using ArchitectureTests.Model;

namespace ArchitectureTests.Rules.PublicSurface;

internal static class PublicSurfaceRule
{
    public const string Description = "in a module's implementation only the IModule entry point is public";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules.SelectMany(module =>
        Types.InAssembly(module.Implementation)
            .ThatAreWrittenByHand()
            .That(t => t != module.EntryPoint)
            .Should().NotBePublic()));
}
