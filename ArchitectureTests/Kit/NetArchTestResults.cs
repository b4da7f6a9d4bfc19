namespace ArchitectureTests.Kit;

/// <summary>
/// Turns NetArchTest's verdict into one a person can act on, and makes it exact. NetArchTest names only the types
/// that fail, and it matches dependencies by namespace prefix (<c>Users</c> also matches <c>Users.Contracts</c>); so
/// each failing type's dependencies are read again with the metadata reader and only those the rule forbids are
/// reported. A failing type left with none was a prefix match, not an offender.
/// </summary>
internal static class NetArchTestResults
{
    /// <summary>The types NetArchTest failed, as <paramref name="assembly"/> (read from the same file) defines them.</summary>
    public static IEnumerable<TypeDefinition> FailingTypesIn(this TestResult result, AssemblyDefinition assembly) =>
        result.IsSuccessful
            ? []
            : result.FailingTypeNames.Select(name => assembly.MainModule.GetType(name)
                ?? throw new InvalidOperationException($"NetArchTest failed {name}, which {assembly.Name.Name} does not define."));

    /// <summary>Each failing type's dependencies that <paramref name="forbidden"/> accepts.</summary>
    public static IEnumerable<Usage> Usages(this TestResult result, AssemblyDefinition assembly, Func<Dependency, bool> forbidden) =>
        from type in result.FailingTypesIn(assembly)
        from dependency in TypeDependencies.Of(type)
        where forbidden(dependency)
        select new Usage(type.Owner().DisplayName(), dependency);

    /// <summary>One violation per failing type and forbidden dependency, naming both.</summary>
    public static IEnumerable<Violation> Violations(this TestResult result, AssemblyDefinition assembly, Func<Dependency, bool> forbidden) =>
        result.Usages(assembly, forbidden).Select(usage => new Violation(usage.Type, $"depends on {usage.Dependency}"));
}
