namespace ArchitectureTests.Rules.ImplementationIsolation;

public sealed class ImplementationIsolationTests
{
    [Fact]
    public void Module_implementations_reference_no_other_module_implementation() =>
        ImplementationIsolationRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_when_an_implementation_uses_only_another_modules_contracts()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Field(alpha.Handler, "beta", alpha.Implementation.Import(beta.Request));

        ImplementationIsolationRule.Check(Fixture.Model(alpha, beta)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_an_implementation_references_another_implementation()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Field(alpha.Handler, "secret", beta.Entity);

        ImplementationIsolationRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Features.GetAlphaHandler", "Beta.Domain.BetaItem", "(assembly Beta)");
    }

    [Fact]
    public void Rule_fails_when_another_implementations_type_hides_in_a_generic_argument_inside_a_method_body()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var list = alpha.Implementation.Generic(typeof(List<>), alpha.Implementation.Generic(typeof(IEnumerable<>), beta.DbContext));
        alpha.Implementation.MethodCalling(alpha.Handler, "Load", alpha.Implementation.ConstructorOf(list));

        ImplementationIsolationRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Features.GetAlphaHandler", "Beta.Data.BetaDbContext", "(assembly Beta)");
    }
}
