using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModuleRuntime.Data;

/// <summary>
/// Which module a database belongs to, and which database it is: written once, when the database is first migrated,
/// into a table of its own outside the module's model, as EF keeps <c>__EFMigrationsHistory</c>. Two processes that
/// report the same id for a module work on the same data; the front door sends work only to those (docs/adr/0036).
/// </summary>
public sealed record DatabaseIdentity(string Module, string DatabaseId)
{
    public const string Table = "__ModuleIdentity";

    // Portable SQL (SQLite and PostgreSQL alike): quoted names, text columns, and one row whose fixed key makes a
    // second first-start lose its insert quietly rather than write another identity.
    private const string CreateTable =
        """CREATE TABLE IF NOT EXISTS "__ModuleIdentity" ("Id" INTEGER NOT NULL PRIMARY KEY, "Module" TEXT NOT NULL, "DatabaseId" TEXT NOT NULL, "CreatedAt" TEXT NOT NULL)""";

    private const string Insert =
        """INSERT INTO "__ModuleIdentity" ("Id", "Module", "DatabaseId", "CreatedAt") VALUES (1, {0}, {1}, {2}) ON CONFLICT ("Id") DO NOTHING""";

    private const string Select = """SELECT "Module", "DatabaseId" FROM "__ModuleIdentity" WHERE "Id" = 1""";

    /// <summary>
    /// The identity of <paramref name="module"/>'s database, recorded now if it has none. Runs before the module's
    /// migrations, so a database that belongs to another module is refused before anything is written to it.
    /// </summary>
    public static async Task<DatabaseIdentity> ClaimAsync(DatabaseFacade database, string module, TimeProvider clock, CancellationToken cancellationToken)
    {
        var creator = database.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await database.ExecuteSqlRawAsync(CreateTable, cancellationToken);
        var identity = await ReadAsync(database, cancellationToken);
        if (identity is null)
        {
            await RefuseForeignMigrationsAsync(database, module, cancellationToken);
            await database.ExecuteSqlRawAsync(
                Insert, [module, Guid.NewGuid().ToString("D"), clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)], cancellationToken);
            identity = await ReadAsync(database, cancellationToken)
                ?? throw new InvalidOperationException($"The {module} module's database at {Where(database)} kept no identity row in {Table}.");
        }

        if (!string.Equals(identity.Module, module, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The database at {Where(database)} belongs to the {identity.Module} module (database id {identity.DatabaseId}), not to {module}. " +
                $"Check Data:Directory and Modules:{module}:Database:ConnectionString: this process was pointed at another module's data.");
        }

        return identity;
    }

    // A database migrated before identities were recorded has none: it may still be claimed, unless it holds another
    // module's schema.
    private static async Task RefuseForeignMigrationsAsync(DatabaseFacade database, string module, CancellationToken cancellationToken)
    {
        var own = database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var foreign = (await database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !own.Contains(m)).ToList();
        if (foreign.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database at {Where(database)} has migrations the {module} module does not have ({string.Join(", ", foreign)}): " +
                $"it holds another module's data. Check Data:Directory and Modules:{module}:Database:ConnectionString.");
        }
    }

    private static async Task<DatabaseIdentity?> ReadAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using DbCommand command = database.GetDbConnection().CreateCommand();
            command.CommandText = Select;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new DatabaseIdentity(reader.GetString(0), reader.GetString(1)) : null;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static string Where(DatabaseFacade database)
    {
        var connection = database.GetDbConnection();
        return string.IsNullOrEmpty(connection.DataSource) ? connection.Database : connection.DataSource;
    }
}
