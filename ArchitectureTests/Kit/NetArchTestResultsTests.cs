namespace ArchitectureTests.Kit;

public sealed class NetArchTestResultsTests
{
    [Fact]
    public void NetArchTest_matches_a_modules_namespace_by_prefix_and_the_check_by_assembly_clears_its_contracts()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Field(alpha.Handler, "question", beta.Request);
        var implementation = Fixture.Model(alpha, beta).Modules.Single(m => m.Name == "Alpha").Implementation;

        var result = Types.FromFile(implementation.File()).ShouldNot().HaveDependencyOn("Beta").GetResult();

        result.FailingTypeNames.Should().Equal("Alpha.Features.GetAlphaHandler");
        result.Usages(implementation, d => d.Assembly == "Beta").Should().BeEmpty();
        result.Usages(implementation, d => d.Assembly == "Beta.Contracts").Should().ContainSingle()
            .Which.Should().Be(new Usage("Alpha.Features.GetAlphaHandler", new Dependency("Beta.Contracts.GetBeta", "Beta.Contracts")));
    }

    [Fact]
    public void A_type_NetArchTest_fails_is_named_with_the_dependency_the_rule_forbids()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Field(alpha.Handler, "secret", beta.Entity);
        var implementation = Fixture.Model(alpha, beta).Modules.Single(m => m.Name == "Alpha").Implementation;

        var violations = Types.FromFile(implementation.File()).ShouldNot().HaveDependencyOn("Beta").GetResult()
            .Violations(implementation, d => d.Assembly == "Beta");

        violations.Should().Equal(new Violation("Alpha.Features.GetAlphaHandler", "depends on Beta.Domain.BetaItem (assembly Beta)"));
    }
}
