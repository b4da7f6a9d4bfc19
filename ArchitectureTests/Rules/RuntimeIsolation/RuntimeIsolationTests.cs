using ModuleRuntime.Events;
using ModuleRuntime.Routing;

namespace ArchitectureTests.Rules.RuntimeIsolation;

public sealed class RuntimeIsolationTests
{
    [Fact]
    public void Modules_build_on_the_authoring_kit_alone() =>
        RuntimeIsolationRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_for_a_module_that_uses_only_the_kit()
    {
        var alpha = FixtureModule.Named("Alpha");

        RuntimeIsolationRule.Check(Fixture.Model(alpha)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_a_handler_reaches_for_the_front_doors_router()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.Field(alpha.Handler, "router", alpha.Implementation.Import(typeof(ModuleRouter)));

        RuntimeIsolationRule.Check(Fixture.Model(alpha))
            .ShouldReport("Alpha.Features.GetAlphaHandler", "ModuleRuntime.Routing.ModuleRouter", "(assembly ModuleRuntime)");
    }

    [Fact]
    public void Rule_fails_when_a_contract_carries_a_runtime_type()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Contracts.Field(alpha.Request, "envelope", alpha.Contracts.Import(typeof(EventEnvelope)));

        RuntimeIsolationRule.Check(Fixture.Model(alpha))
            .ShouldReport("Alpha.Contracts.GetAlpha", "ModuleRuntime.Events.EventEnvelope", "(assembly ModuleRuntime)");
    }
}
