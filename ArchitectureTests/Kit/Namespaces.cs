namespace ArchitectureTests.Kit;

/// <summary>What a rule hands NetArchTest to look for, read from the assemblies themselves rather than listed by hand.</summary>
internal static class Namespaces
{
    /// <summary>
    /// The namespaces of the assemblies' hand-written types and of the types they forward (the BCL's facades are made
    /// of those); a type in the global namespace is named itself. Compiler-generated types are left out: every
    /// assembly embeds its own <c>System.Runtime.CompilerServices</c> attributes, and that namespace is not the
    /// assembly's to claim. NetArchTest matches these by prefix; the rules check the assembly of what it reports.
    /// </summary>
    public static string[] Of(IEnumerable<AssemblyDefinition> assemblies) =>
    [
        .. assemblies
            .SelectMany(a => a.MainModule.Types.Where(t => t.IsWrittenByHand()).Select(t => (t.Namespace, t.Name))
                .Concat(a.MainModule.ExportedTypes.Where(t => t.DeclaringType is null).Select(t => (t.Namespace, t.Name))))
            .Select(t => t.Namespace.Length > 0 ? t.Namespace : t.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];
}
