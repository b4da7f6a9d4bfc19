using Tests.Shared;
using Users.Data;

namespace Users.Tests.Data;

/// <summary>The Users module's model and its migrations agree: the next migration starts from a clean snapshot.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_model_has_no_change_that_a_new_migration_would_hold() =>
        ModelAndMigrations.HaveNoPendingChanges<UsersDbContext>(options => new(options));

    [Fact]
    public void The_migrations_build_the_schema_the_model_describes() =>
        ModelAndMigrations.BuildTheSchemaOfTheModel<UsersDbContext>(options => new(options));
}
