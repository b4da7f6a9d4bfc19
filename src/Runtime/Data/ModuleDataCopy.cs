using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Data;
using ModuleKit.Events;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ModuleRuntime.Data;

/// <summary>One table as copied: its rows and content checksum read back from each side.</summary>
public sealed record TableCopy(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

/// <summary>What a copy did: every table, and whether the target's transaction was committed.</summary>
public sealed record CopyReport(string Module, IReadOnlyList<TableCopy> Tables, bool Committed, string? Refusal)
{
    public static CopyReport Refused(string module, string reason) => new(module, [], false, reason);
}

/// <summary>
/// Copies one module's data from its SQLite file into its PostgreSQL database (docs/adr/0033): the target is brought to
/// the module's latest PostgreSQL migration, then every table is copied in foreign-key order with its ids, identity
/// sequences are moved past the largest id, and each table's row count and content checksum are read back from both
/// sides, all in one target transaction that is committed only when every table matches. The SQLite file is opened
/// read-only: it stays as it was, so rolling back is configuring the module's SQLite database again.
/// </summary>
public static class ModuleDataCopy
{
    private const int BatchSize = 1_000;

    public static async Task<CopyReport> CopyAsync(
        IServiceProvider services, string module, string targetConnectionString, bool replace, CancellationToken cancellationToken)
    {
        var store = ModuleStore.Of(services.GetServices<ModuleStore>(), module);
        if (store is null)
        {
            return CopyReport.Refused(module, $"No module named '{module}' has a database here.");
        }

        string sourceConnectionString;
        await using (var scope = services.CreateAsyncScope())
        {
            var configured = store.Context(scope.ServiceProvider).Database;
            if (!configured.IsSqlite())
            {
                return CopyReport.Refused(store.Module,
                    $"Modules:{store.Module}:Database is not SQLite here: copy with the module still configured on its SQLite file.");
            }

            // Read-only: whatever happens below, the file the module ran on is left as it was.
            sourceConnectionString = new SqliteConnectionStringBuilder(configured.GetConnectionString())
            {
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString();
        }

        if (!File.Exists(new SqliteConnectionStringBuilder(sourceConnectionString).DataSource))
        {
            return CopyReport.Refused(store.Module, $"The SQLite file {new SqliteConnectionStringBuilder(sourceConnectionString).DataSource} does not exist.");
        }

        await using var source = Create(store.ContextType, ModuleDatabase.SqliteProvider, sourceConnectionString);
        await using var target = Create(store.ContextType, ModuleDatabase.PostgresProvider, targetConnectionString);
        if ((await source.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return CopyReport.Refused(store.Module, "The SQLite file lacks some of the module's migrations: start the module on it once, then copy.");
        }

        await target.Database.MigrateAsync(cancellationToken);
        var entityTypes = InForeignKeyOrder(target.Model);
        await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
        var occupied = new List<string>();
        foreach (var entityType in entityTypes)
        {
            if (await Run<long>(nameof(CountAsync), entityType, target, cancellationToken) > 0)
            {
                occupied.Add(entityType.GetTableName()!);
            }
        }

        if (occupied.Count > 0 && !replace)
        {
            return CopyReport.Refused(store.Module,
                $"The target already holds rows in {string.Join(", ", occupied)}: nothing was copied. Pass --replace to delete them first.");
        }

        foreach (var entityType in Enumerable.Reverse(entityTypes))
        {
            await Run<int>(nameof(DeleteAsync), entityType, target, cancellationToken);
        }

        foreach (var entityType in entityTypes)
        {
            await Run<long>(nameof(CopyRowsAsync), entityType, source, target, cancellationToken);
            await MoveIdentitiesPastLargestAsync(target, entityType, cancellationToken);
        }

        var tables = new List<TableCopy>();
        foreach (var entityType in entityTypes)
        {
            var (sourceRows, sourceChecksum) = await Run<(long, string)>(nameof(ChecksumAsync), entityType, source, cancellationToken);
            var (targetRows, targetChecksum) = await Run<(long, string)>(nameof(ChecksumAsync), entityType, target, cancellationToken);
            tables.Add(new TableCopy(entityType.GetTableName()!, sourceRows, targetRows, sourceChecksum, targetChecksum));
        }

        var verified = tables.All(t => t.Matches);
        if (verified)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return new CopyReport(store.Module, tables, verified, null);
    }

    private static DbContext Create(Type contextType, string provider, string connectionString)
    {
        var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        ModuleDatabase.Use(options, provider, connectionString);
        return (DbContext)Activator.CreateInstance(contextType, options.Options)!;
    }

    /// <summary>Principals before their dependents, so foreign keys hold at every insert; by table name otherwise.</summary>
    private static List<IEntityType> InForeignKeyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned())
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("The module's tables refer to each other in a cycle; copy them by hand.");
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    private static async Task MoveIdentitiesPastLargestAsync(DbContext target, IEntityType entityType, CancellationToken cancellationToken)
    {
        var table = entityType.GetTableName()!;
        var identifier = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        foreach (var property in entityType.GetProperties().Where(p => NpgsqlPropertyExtensions.GetValueGenerationStrategy(p, identifier)
            is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn
            or NpgsqlValueGenerationStrategy.SerialColumn))
        {
            var column = property.GetColumnName(identifier)!;
            // Inserted ids do not advance an identity's sequence: without this the next new row would collide with id 1.
#pragma warning disable EF1002 // Table and column names come from the module's model, not from input.
            await target.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence({{0}}, {{1}}), COALESCE(MAX(\"{column}\"), 0) + 1, false) FROM \"{table}\"",
                [$"\"{table}\"", column], cancellationToken);
#pragma warning restore EF1002
        }
    }

    private static Task<T> Run<T>(string method, IEntityType entityType, params object[] arguments) =>
        (Task<T>)typeof(ModuleDataCopy).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(entityType.ClrType)
            .Invoke(null, [.. arguments.Take(arguments.Length - 1), entityType, arguments[^1]])!;

    private static Task<long> CountAsync<TEntity>(DbContext db, IEntityType entityType, CancellationToken cancellationToken)
        where TEntity : class =>
        db.Set<TEntity>().LongCountAsync(cancellationToken);

    private static Task<int> DeleteAsync<TEntity>(DbContext db, IEntityType entityType, CancellationToken cancellationToken)
        where TEntity : class =>
        db.Set<TEntity>().ExecuteDeleteAsync(cancellationToken);

    private static async Task<long> CopyRowsAsync<TEntity>(DbContext source, DbContext target, IEntityType entityType, CancellationToken cancellationToken)
        where TEntity : class
    {
        long copied = 0;
        var times = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && (p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
            .Select(p => p.PropertyInfo!)
            .ToList();
        await foreach (var row in source.Set<TEntity>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Keys are set, so EF inserts them as they are, identity columns included.
            AsUtc(row, times);
            target.Set<TEntity>().Add(row);
            if (++copied % BatchSize == 0)
            {
                await target.SaveChangesAsync(cancellationToken);
                target.ChangeTracker.Clear();
            }
        }

        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        return copied;
    }

    /// <summary>
    /// The modules keep DateTime values in UTC; SQLite gives them back without a kind, and PostgreSQL takes only UTC.
    /// Set on the row itself: EF compares DateTime values without their kind, so it would not see the change.
    /// </summary>
    private static void AsUtc(object row, List<PropertyInfo> times)
    {
        foreach (var time in times)
        {
            if (time.GetValue(row) is DateTime { Kind: DateTimeKind.Unspecified } value)
            {
                time.SetValue(row, DateTime.SpecifyKind(value, DateTimeKind.Utc));
            }
        }
    }

    /// <summary>
    /// The row count and a checksum of the rows as the module reads them: the sum of each row's SHA-256 over its
    /// properties in a canonical text form, so row order does not matter and any changed, lost or extra row does.
    /// Times count to the microsecond, the precision PostgreSQL keeps.
    /// </summary>
    private static async Task<(long Rows, string Checksum)> ChecksumAsync<TEntity>(DbContext db, IEntityType entityType, CancellationToken cancellationToken)
        where TEntity : class
    {
        var properties = entityType.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        UInt128 sum = 0;
        long rows = 0;
        var text = new StringBuilder();
        await foreach (var row in db.Set<TEntity>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            text.Clear();
            foreach (var property in properties)
            {
                text.Append(property.Name).Append('=').Append(Canonical(property.GetGetter().GetClrValueUsingContainingEntity(row))).Append('\u001f');
            }

            sum += BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            rows++;
        }

        return (rows, sum.ToString("x32", CultureInfo.InvariantCulture));
    }

    private static string Canonical(object? value) => value switch
    {
        null => "\u0000",
        DateTimeOffset time => (time.UtcTicks / 10).ToString(CultureInfo.InvariantCulture),
        // Both sides hold UTC; SQLite gives the kind back as unspecified and PostgreSQL as UTC.
        DateTime time => (time.Ticks / 10).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        string text => $"{text.Length}:{text}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
