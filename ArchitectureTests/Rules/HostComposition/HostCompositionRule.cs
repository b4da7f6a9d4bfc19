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

        // An entry point shares its namespace with the rest of its implementation, so NetArchTest also fails the
        // types that only compose modules; the check by type below clears them.
        var entryPoints = model.Modules.ToDictionary(m => m.Name, m => m.EntryPoint.DisplayName());
        return new(Description, Types.FromFile(model.Host.File())
            .ShouldNot().HaveDependencyOnAny(Namespaces.Of(model.Modules.Select(m => m.Implementation)))
            .GetResult()
            .Violations(model.Host, d => entryPoints.TryGetValue(d.Assembly, out var entryPoint) && d.Type != entryPoint));
    }
}
