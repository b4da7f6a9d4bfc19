using Logging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModuleKit.Data;
using Tweets.Data;
using Users.Data;

namespace Monolith.Migrations;

/// <summary>
/// How dotnet ef gets a module's context without starting the Host (which would compose every module, read
/// configuration and create the data directory). Only the provider matters to the model: SQLite unless the command
/// ends with <c>-- --provider Postgres</c>, and the kit's options, so each provider sees only its own migrations and
/// snapshot (docs/adr/0033). Generating, removing and checking migrations never open the connection, and
/// <c>dotnet ef database update --connection</c> replaces it. An in-memory SQLite database means a design-time command
/// that does connect leaves no file behind; the PostgreSQL placeholder names no server on purpose.
/// </summary>
internal abstract class ModuleContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var provider = ModuleDatabase.Provider(typeof(TContext).Name, ProviderArgument(args));
        var connectionString = provider == ModuleDatabase.PostgresProvider ? "Host=design-time.invalid" : "Data Source=:memory:";
        var options = new DbContextOptionsBuilder<TContext>();
        ModuleDatabase.Use(options, provider, connectionString);
        return Create(options.Options);
    }

    private static string? ProviderArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

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
