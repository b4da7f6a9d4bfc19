namespace ArchitectureTests.Rules.PublicSurface;

public sealed class PublicSurfaceTests
{
    [Fact]
    public void Module_implementations_expose_only_their_entry_point() =>
        PublicSurfaceRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Rule_fails_when_an_implementation_type_is_public()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.Class("Alpha.Features.LeakyHandler", isPublic: true);

        PublicSurfaceRule.Check(Fixture.Model(alpha)).ShouldReport("Alpha.Features.LeakyHandler", "is public");
    }

    [Fact]
    public void Rule_fails_when_a_public_type_shares_only_its_short_name_with_the_entry_point()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.Class("Alpha.Features.AlphaModule", isPublic: true);

        PublicSurfaceRule.Check(Fixture.Model(alpha)).ShouldReport("Alpha.Features.AlphaModule", "is public");
    }

    [Fact]
    public void Rule_fails_when_the_entry_point_exposes_a_public_nested_type()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.NestedClass(alpha.EntryPoint, "Options", isPublic: true);

        PublicSurfaceRule.Check(Fixture.Model(alpha)).ShouldReport("Alpha.AlphaModule+Options", "is public");
    }

    [Fact]
    public void Public_types_nested_in_internal_types_are_not_public_surface()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.Implementation.NestedClass(alpha.Handler, "Result", isPublic: true);

        PublicSurfaceRule.Check(Fixture.Model(alpha)).ShouldPass();
    }
}
