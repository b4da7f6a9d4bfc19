using Microsoft.EntityFrameworkCore;
using ModuleKit.Paging;

namespace ArchitectureTests.Rules.ContractsSurface;

public sealed class ContractsSurfaceTests
{
    [Fact]
    public void Contracts_reference_only_MediatR_the_BCL_ContractKinds_and_the_shared_kit() =>
        ContractsSurfaceRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_for_a_contract_built_from_MediatR_the_BCL_ContractKinds_and_the_kit()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Property(alpha.Request, "Page", alpha.Contracts.Generic(typeof(CursorPage<>), alpha.Contracts.Import(typeof(Guid))));
        alpha.Contracts.Class("Alpha.Contracts.ListAlphas", isPublic: true, interfaces: alpha.Contracts.Import(typeof(ICursorPageQuery)));

        ContractsSurfaceRule.Check(Fixture.Model(alpha)).ShouldPass();
    }

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
