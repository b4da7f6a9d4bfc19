namespace ArchitectureTests.Rules.DbContextOwnership;

/// <summary>A place where code in a module tells EF Core about an entity type.</summary>
internal sealed record EntityMapping(TypeDefinition Declarer, TypeReference Entity, string How)
{
    private const string Ef = "Microsoft.EntityFrameworkCore";
    private static readonly HashSet<string> MappingMethods = ["Entity", "OwnsOne", "OwnsMany", "Set", "ApplyConfiguration"];

    /// <summary>
    /// <c>DbSet&lt;T&gt;</c> properties, <c>IEntityTypeConfiguration&lt;T&gt;</c> implementations and calls to
    /// <c>Entity&lt;T&gt;</c>, <c>OwnsOne&lt;T&gt;</c>, <c>OwnsMany&lt;T&gt;</c>, <c>Set&lt;T&gt;</c> and <c>ApplyConfiguration&lt;T&gt;</c>.
    /// </summary>
    public static IEnumerable<EntityMapping> In(AssemblyDefinition assembly) =>
        assembly.MainModule.GetTypes().SelectMany(type => DbSets(type).Concat(Configurations(type)).Concat(Calls(type)));

    private static IEnumerable<EntityMapping> DbSets(TypeDefinition type) =>
        from property in type.Properties
        where property.PropertyType is GenericInstanceType set && set.ElementType.FullName == $"{Ef}.DbSet`1"
        select new EntityMapping(type, ((GenericInstanceType)property.PropertyType).GenericArguments[0], $"its DbSet<T> property {property.Name}");

    private static IEnumerable<EntityMapping> Configurations(TypeDefinition type) =>
        from implementation in type.Interfaces
        where implementation.InterfaceType is GenericInstanceType configuration
            && configuration.ElementType.FullName == $"{Ef}.IEntityTypeConfiguration`1"
        select new EntityMapping(type, ((GenericInstanceType)implementation.InterfaceType).GenericArguments[0], "IEntityTypeConfiguration<T>");

    private static IEnumerable<EntityMapping> Calls(TypeDefinition type) =>
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        let call = instruction.Operand as GenericInstanceMethod
        where call is not null
            && MappingMethods.Contains(call.Name)
            && call.DeclaringType.GetElementType().Namespace.StartsWith(Ef, StringComparison.Ordinal)
        select new EntityMapping(type.Owner(), call.GenericArguments[0], $"a call to {call.Name}<T>() in {method.Name}");
}
