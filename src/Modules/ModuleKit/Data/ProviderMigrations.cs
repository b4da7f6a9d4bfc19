using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModuleKit.Data;

/// <summary>
/// A module's migrations for the provider its context runs on (docs/adr/0033). Both sets live in the module's
/// assembly, each with its own snapshot: SQLite's in <c>&lt;Context namespace&gt;.Migrations</c>, PostgreSQL's in
/// <c>&lt;Context namespace&gt;.Migrations.Postgres</c>. EF's own lookup would take every migration of the context,
/// whichever provider it was generated for, and the first snapshot it finds; this one takes only one namespace's.
/// </summary>
internal sealed class ProviderMigrations(ICurrentDbContext current, IDatabaseProvider provider, IMigrationsIdGenerator ids) : IMigrationsAssembly
{
    public const string PostgresSubNamespace = "Postgres";

    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? snapshot;
    private bool snapshotLooked;

    private Type ContextType => current.Context.GetType();

    public Assembly Assembly => ContextType.Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= Assembly.DefinedTypes
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(Migration)) && IsOurs(t))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(m => m.Id is not null)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id!, m => m.Type);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!snapshotLooked)
            {
                var type = Assembly.DefinedTypes.SingleOrDefault(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)) && IsOurs(t));
                snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type)!;
                snapshotLooked = true;
            }

            return snapshot;
        }
    }

    /// <summary>The namespace a provider's migrations and snapshot are generated into.</summary>
    public static string Namespace(Type contextType, string providerName) =>
        ModuleDatabase.IsPostgres(providerName)
            ? $"{contextType.Namespace}.Migrations.{PostgresSubNamespace}"
            : $"{contextType.Namespace}.Migrations";

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => ids.IsValidId(nameOrId)
            ? string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : string.Equals(ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    private bool IsOurs(TypeInfo type) =>
        type.GetCustomAttribute<DbContextAttribute>()?.ContextType == ContextType
        && type.Namespace == Namespace(ContextType, provider.Name);
}
