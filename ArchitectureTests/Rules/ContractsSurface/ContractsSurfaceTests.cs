using ArchitectureTests.Fixtures;
using ArchitectureTests.Kit;
using ArchitectureTests.Model;
using Microsoft.EntityFrameworkCore;

namespace ArchitectureTests.Rules.ContractsSurface;

public sealed class ContractsSurfaceTests
{
    [Fact]
    public void Contracts_reference_only_MediatR_the_BCL_and_the_shared_kit() =>
        ContractsSurfaceRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_fails_when_a_contract_exposes_a_framework_type()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Property(alpha.Request, "Context", alpha.Contracts.Import(typeof(DbContext)));

        ContractsSurfaceRule.Check(Fixture.Model(alpha))
            .ShouldReport("Alpha.Contracts.GetAlpha", "Microsoft.EntityFrameworkCore.DbContext", "(assembly Microsoft.EntityFrameworkCore)");
    }

    [Fact]
    public void Rule_fails_when_a_contract_references_another_modules_contracts()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Contracts.Field(alpha.Request, "beta", beta.Request);

        ContractsSurfaceRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Contracts.GetAlpha", "Beta.Contracts.GetBeta", "(assembly Beta.Contracts)");
    }
}
