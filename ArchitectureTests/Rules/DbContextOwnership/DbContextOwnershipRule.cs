namespace ArchitectureTests.Rules.DbContextOwnership;

internal static class DbContextOwnershipRule
{
    public const string Description = "a module's DbContext maps only entity types defined in that module";
    public const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules.SelectMany(module =>
        from mapping in EntityMapping.In(module.Implementation)
        where mapping.Entity is not GenericParameter && !mapping.Entity.IsDefinedIn(module.Implementation)
        select new Violation(
            mapping.Declarer.DisplayName(),
            $"maps {mapping.Entity.DisplayName()} (assembly {mapping.Entity.AssemblyName()}) through {mapping.How}, but {module.Name} owns only its own entities")));

    public static IEnumerable<TypeDefinition> DbContextsIn(Module module) =>
        module.Implementation.MainModule.GetTypes().Where(t => t.DerivesFrom(DbContext));
}
