using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArchitectureTests.Rules.DbContextOwnership;

public sealed class DbContextOwnershipTests
{
    [Fact]
    public void Module_DbContexts_map_only_the_modules_own_entities() =>
        DbContextOwnershipRule.Check(BuildOutput.Model).ShouldPass();

    [Fact]
    public void Every_module_has_its_own_DbContext() =>
        BuildOutput.Model.Modules.Where(m => !DbContextOwnershipRule.DbContextsIn(m).Any()).Select(m => m.Name)
            .Should().BeEmpty("each module owns its data through its own DbContext");

    [Fact]
    public void Rule_holds_for_a_DbContext_over_its_own_entities()
    {
        var alpha = FixtureModule.Named("Alpha");

        DbContextOwnershipRule.Check(Fixture.Model(alpha)).ShouldPass();
        DbContextOwnershipRule.DbContextsIn(Fixture.Model(alpha).Modules.Single()).Should().ContainSingle();
    }

    [Fact]
    public void Rule_fails_when_a_DbContext_has_a_DbSet_of_another_modules_entity()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Property(alpha.DbContext, "Stolen", alpha.Implementation.Generic(typeof(DbSet<>), beta.Entity));

        DbContextOwnershipRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Data.AlphaDbContext", "Beta.Domain.BetaItem", "(assembly Beta)", "DbSet<T> property Stolen");
    }

    [Fact]
    public void Rule_fails_when_a_model_builder_maps_another_modules_entity()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var entity = alpha.Implementation.GenericMethod(alpha.Implementation.Import(typeof(ModelBuilder)), "Entity", beta.Entity);
        alpha.Implementation.MethodCalling(alpha.DbContext, "OnModelCreating", entity);

        DbContextOwnershipRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Data.AlphaDbContext", "Beta.Domain.BetaItem", "Entity<T>() in OnModelCreating");
    }

    [Fact]
    public void Rule_fails_when_an_entity_owns_another_modules_type()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        var builder = alpha.Implementation.Generic(typeof(EntityTypeBuilder<>), alpha.Entity);
        alpha.Implementation.MethodCalling(alpha.DbContext, "OnModelCreating", alpha.Implementation.GenericMethod(builder, "OwnsMany", beta.Entity));

        DbContextOwnershipRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Data.AlphaDbContext", "Beta.Domain.BetaItem", "OwnsMany<T>()");
    }

    [Fact]
    public void Rule_fails_when_a_module_configures_another_modules_entity()
    {
        var (alpha, beta) = (FixtureModule.Named("Alpha"), FixtureModule.Named("Beta"));
        alpha.Implementation.Class("Alpha.Data.BetaItemConfiguration",
            interfaces: alpha.Implementation.Generic(typeof(IEntityTypeConfiguration<>), beta.Entity));

        DbContextOwnershipRule.Check(Fixture.Model(alpha, beta))
            .ShouldReport("Alpha.Data.BetaItemConfiguration", "Beta.Domain.BetaItem", "IEntityTypeConfiguration<T>");
    }
}
