using Logging.Data;
using ModuleKit.Data;
using Tests.Shared;

namespace Logging.Tests.Data;

/// <summary>The Logging module's model and its migrations agree: the next migration starts from a clean snapshot.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_model_has_no_change_that_a_new_migration_would_hold() =>
        ModelAndMigrations.HasPendingChanges<LoggingDbContext>(options => new(options)).Should().BeFalse(
            "the model must match its snapshot: add a migration with dotnet ef (tools/Migrations/README.md)");

    [Fact]
    public void The_model_has_no_change_that_a_new_PostgreSQL_migration_would_hold() =>
        ModelAndMigrations.HasPendingChanges<LoggingDbContext>(options => new(options), ModuleDatabase.PostgresProvider).Should().BeFalse(
            "the model must match its PostgreSQL snapshot: add the migration for both providers (tools/Migrations/README.md)");

    [Fact]
    public void Each_provider_runs_only_its_own_migrations()
    {
        var sqlite = ModelAndMigrations.Migrations<LoggingDbContext>(options => new(options), ModuleDatabase.SqliteProvider);
        var postgres = ModelAndMigrations.Migrations<LoggingDbContext>(options => new(options), ModuleDatabase.PostgresProvider);

        sqlite.Should().NotBeEmpty().And.NotIntersectWith(postgres);
        postgres.Should().NotBeEmpty();
    }

    [Fact]
    public void The_migrations_build_the_schema_the_model_describes()
    {
        var (fromMigrations, fromModel) = ModelAndMigrations.Schemas<LoggingDbContext>(options => new(options));

        fromMigrations.Tables.Should().BeEquivalentTo(fromModel.Tables, "the migrations must create the tables the model maps");
        fromMigrations.Columns.Should().BeEquivalentTo(fromModel.Columns, "the migrations must create the columns the model maps");
        fromMigrations.Indexes.Should().BeEquivalentTo(fromModel.Indexes, "the migrations must create the indexes the model maps");
    }
}
