namespace ArchitectureTests.Rules.ModuleCycles;

public sealed class ModuleCyclesTests
{
    [Fact]
    public void Modules_do_not_depend_on_each_other_in_a_cycle() =>
        ModuleCyclesRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_when_dependencies_point_one_way()
    {
        var (alpha, beta, gamma) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"), FixtureModule.Named("Gamma"));
        alpha.Implementation.Field(alpha.Handler, "beta", beta.Request);
        beta.Implementation.Field(beta.Handler, "gamma", gamma.Request);
        alpha.Implementation.Field(alpha.Handler, "gamma", gamma.Request);

        ModuleCyclesRule.Check(Fixture.Model(alpha, beta, gamma)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_two_modules_use_each_others_contracts()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Field(alpha.Handler, "beta", beta.Request);
        beta.Implementation.Field(beta.Handler, "alpha", alpha.Request);

        ModuleCyclesRule.Check(Fixture.Model(alpha, beta)).ShouldReport(
            "Alpha -> Beta -> Alpha",
            "Alpha -> Beta because Alpha.Features.GetAlphaHandler depends on Beta.Contracts.GetBeta (assembly Beta.Contracts)",
            "Beta -> Alpha because Beta.Features.GetBetaHandler depends on Alpha.Contracts.GetAlpha (assembly Alpha.Contracts)");
    }

    [Fact]
    public void Rule_fails_on_a_cycle_through_three_modules_and_names_it_once()
    {
        var (alpha, beta, gamma) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"), FixtureModule.Named("Gamma"));
        alpha.Implementation.Field(alpha.Handler, "beta", beta.Request);
        beta.Implementation.Field(beta.Handler, "gamma", gamma.Request);
        gamma.Implementation.Field(gamma.Handler, "alpha", alpha.Request);

        var result = ModuleCyclesRule.Check(Fixture.Model(alpha, beta, gamma));

        result.ShouldReport("Alpha -> Beta -> Gamma -> Alpha", "Gamma -> Alpha because Gamma.Features.GetGammaHandler depends on Alpha.Contracts.GetAlpha");
        result.Violations.Should().ContainSingle();
    }
}
