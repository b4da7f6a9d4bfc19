using ArchitectureTests.Kit;
using ArchitectureTests.Model;

namespace ArchitectureTests.Rules.ImplementationIsolation;

internal static class ImplementationIsolationRule
{
    public const string Description = "a module's implementation references no other module's implementation, only its contracts";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules.SelectMany(module =>
    {
        var otherImplementations = model.Modules.Where(m => m != module).Select(m => m.Name).ToHashSet();
        return Types.InAssembly(module.Implementation).Should().NotDependOn(d => otherImplementations.Contains(d.Assembly));
    }));
}
