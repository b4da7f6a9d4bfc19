using Mono.Cecil;

namespace ArchitectureTests.Kit;

/// <summary>Where a rule starts: <c>Types.InAssembly(x).That(...).Should().NotDependOn(...)</c>.</summary>
internal static class Types
{
    public static TypeSet InAssembly(AssemblyDefinition assembly) => InAssemblies([assembly]);

    public static TypeSet InAssemblies(IEnumerable<AssemblyDefinition> assemblies) =>
        new(assemblies.SelectMany(a => a.Modules).SelectMany(m => m.GetTypes()));
}

/// <summary>A selection of types, nested and compiler-generated ones included until filtered out.</summary>
internal sealed class TypeSet(IEnumerable<TypeDefinition> types)
{
    public TypeSet That(Func<TypeDefinition, bool> predicate) => new(types.Where(predicate));

    public TypeSet ThatAreWrittenByHand() => That(t => !t.IsCompilerGenerated());

    /// <summary>Each type's dependencies, charged to the hand-written type that owns it.</summary>
    public IEnumerable<Usage> Usages() => types
        .SelectMany(t => TypeDependencies.Of(t).Select(d => new Usage(t.Owner().DisplayName(), d)))
        .Distinct();

    public IReadOnlyList<TypeDefinition> ToList() => [.. types];

    public TypeExpectation Should() => new(this);
}

/// <summary>What a selection of types must satisfy; each method lists the violations.</summary>
internal sealed class TypeExpectation(TypeSet types)
{
    public IEnumerable<Violation> NotDependOn(Func<Dependency, bool> forbidden) => types.Usages()
        .Where(u => forbidden(u.Dependency))
        .Select(u => new Violation(u.Type, $"depends on {u.Dependency}"));

    public IEnumerable<Violation> OnlyDependOn(Func<Dependency, bool> allowed) => NotDependOn(d => !allowed(d));

    public IEnumerable<Violation> NotBePublic() => types.ToList()
        .Where(t => t.IsVisibleOutsideAssembly())
        .Select(t => new Violation(t.DisplayName(), "is public"));
}
