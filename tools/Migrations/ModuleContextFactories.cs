using Logging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tweets.Data;
using Users.Data;

namespace Monolith.Migrations;

/// <summary>
/// How dotnet ef gets a module's context without starting the Host (which would compose every module, read
/// configuration and create the data directory). Only the provider matters to the model; generating, removing and
/// checking migrations never open the connection, and <c>dotnet ef database update --connection</c> replaces it.
/// An in-memory database means a design-time command that does connect leaves no file behind.
/// </summary>
internal abstract class ModuleContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        Create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=:memory:").Options);

    protected abstract TContext Create(DbContextOptions<TContext> options);
}

internal sealed class UsersContextFactory : ModuleContextFactory<UsersDbContext>
{
    protected override UsersDbContext Create(DbContextOptions<UsersDbContext> options) => new(options);
}

internal sealed class TweetsContextFactory : ModuleContextFactory<TweetsDbContext>
{
    protected override TweetsDbContext Create(DbContextOptions<TweetsDbContext> options) => new(options);
}

internal sealed class LoggingContextFactory : ModuleContextFactory<LoggingDbContext>
{
    protected override LoggingDbContext Create(DbContextOptions<LoggingDbContext> options) => new(options);
}
