namespace ArchitectureTests.Rules.PublicSurface;

internal static class PublicSurfaceRule
{
    public const string Description = "in a module's implementation only the IModule entry point is public";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules.SelectMany(module =>
        Types.FromFile(module.Implementation.File())
            .That().MeetCustomRule(new OtherThan(module.EntryPoint))
            .ShouldNot().MeetCustomRule(VisibleOutsideAssembly.Rule)
            .GetResult()
            .FailingTypesIn(module.Implementation)
            .Select(type => new Violation(type.DisplayName(), "is public"))));
}
