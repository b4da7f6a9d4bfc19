namespace ArchitectureTests.Rules.HostComposition;

public sealed class HostCompositionTests
{
    [Fact]
    public void The_Host_uses_module_implementations_only_through_their_entry_points() =>
        HostCompositionRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_holds_when_the_host_only_constructs_entry_points()
    {
        var alpha = FixtureModule.Named("Alpha");

        HostCompositionRule.Check(Fixture.Model(alpha)).ShouldPass();
    }

    [Fact]
    public void Rule_fails_when_the_host_uses_a_modules_DbContext()
    {
        var alpha = FixtureModule.Named("Alpha");
        var host = FixtureHost.Composing(alpha);
        host.Assembly.Field(host.Program, "database", alpha.DbContext);

        HostCompositionRule.Check(Fixture.Model(host, alpha))
            .ShouldReport("Monolith.Host.Program", "Alpha.Data.AlphaDbContext", "(assembly Alpha)");
    }

    [Fact]
    public void Rule_fails_when_the_host_calls_into_a_modules_handler()
    {
        var alpha = FixtureModule.Named("Alpha");
        var host = FixtureHost.Composing(alpha);
        host.Assembly.MethodCalling(host.Program, "Shortcut", host.Assembly.ConstructorOf(alpha.Handler));

        HostCompositionRule.Check(Fixture.Model(host, alpha))
            .ShouldReport("Monolith.Host.Program", "Alpha.Features.GetAlphaHandler", "(assembly Alpha)");
    }
}
