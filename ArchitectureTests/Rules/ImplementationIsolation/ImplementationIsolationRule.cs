namespace ArchitectureTests.Rules.ImplementationIsolation;

internal static class ImplementationIsolationRule
{
    public const string Description = "a module's implementation references no other module's implementation, only its contracts";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules.SelectMany(module =>
    {
        var others = model.Modules.Where(m => m != module).Select(m => m.Implementation).ToList();
        var otherNames = others.Select(o => o.Name.Name).ToHashSet(StringComparer.Ordinal);
        return Types.FromFile(module.Implementation.File())
            .ShouldNot().HaveDependencyOnAny(Namespaces.Of(others))
            .GetResult()
            .Violations(module.Implementation, d => otherNames.Contains(d.Assembly));
    }));
}
