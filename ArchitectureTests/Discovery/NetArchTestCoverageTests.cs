namespace ArchitectureTests.Discovery;

/// <summary>A rule is only as good as the types NetArchTest hands it; these tests keep any from going unread.</summary>
public sealed class NetArchTestCoverageTests
{
    [Fact]
    public void NetArchTest_reads_every_hand_written_type_in_the_modules_the_Host_and_the_services() =>
        BuildOutput.Model.Assemblies.SelectMany(NetArchTestCoverage.UnseenTypesIn)
            .Should().BeEmpty("NetArchTest skips types in namespaces such as System and Microsoft, so no rule would check them");

    [Fact]
    public void A_module_type_in_a_Microsoft_namespace_is_reported_as_unread()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.Class("Microsoft.Extensions.DependencyInjection.AlphaServiceCollectionExtensions");

        var implementation = Fixture.Model(alpha).Modules.Single().Implementation;

        NetArchTestCoverage.UnseenTypesIn(implementation).Should().Equal("Microsoft.Extensions.DependencyInjection.AlphaServiceCollectionExtensions");
    }
}
