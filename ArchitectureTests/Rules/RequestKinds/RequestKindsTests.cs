using ContractKinds;
using MediatR;

namespace ArchitectureTests.Rules.RequestKinds;

public sealed class RequestKindsTests
{
    [Fact]
    public void Every_request_in_the_modules_contracts_declares_one_kind() =>
        RequestKindsRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_for_a_query_and_a_command_whatever_their_names()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Class("Alpha.Contracts.GetawayBooked", isPublic: true, interfaces: Kinded(alpha, typeof(ICommand<>)));
        alpha.Contracts.Class("Alpha.Contracts.Weather", isPublic: true, interfaces: Kinded(alpha, typeof(IQuery<>)));

        RequestKindsRule.Check(Fixture.Model(alpha)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_for_a_request_that_declares_no_kind()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Class("Alpha.Contracts.GetAlphaCount", isPublic: true, interfaces: Kinded(alpha));

        RequestKindsRule.Check(Fixture.Model(alpha)).ShouldReport("Alpha.Contracts.GetAlphaCount", "declares no kind");
    }

    [Fact]
    public void Rule_fails_for_a_request_that_declares_both_kinds()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Class("Alpha.Contracts.ArchiveAlpha", isPublic: true, interfaces: Kinded(alpha, typeof(IQuery<>), typeof(ICommand<>)));

        RequestKindsRule.Check(Fixture.Model(alpha)).ShouldReport("Alpha.Contracts.ArchiveAlpha", "declares both");
    }

    /// <summary>The interfaces the compiler lists on a request answering a string: <c>IRequest&lt;string&gt;</c> and each kind given.</summary>
    private static TypeReference[] Kinded(FixtureModule module, params Type[] kinds) =>
        [.. kinds.Prepend(typeof(IRequest<>)).Select(kind => module.Contracts.Generic(kind, module.Contracts.Import(typeof(string))))];
}
