namespace ArchitectureTests.Kit;

/// <summary>The questions the rules ask about a single type.</summary>
internal static class TypeFacts
{
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

    /// <summary>Closures, state machines, anonymous types, <c>&lt;Module&gt;</c> and the like.</summary>
    public static bool IsCompilerGenerated(this TypeDefinition type) =>
        type.Name.StartsWith('<') || type.CustomAttributes.Any(a => a.AttributeType.FullName == CompilerGenerated);

    /// <summary>Neither generated nor nested in a generated type (a source generator's file-local class and what it nests).</summary>
    public static bool IsWrittenByHand(this TypeDefinition type) =>
        !type.IsCompilerGenerated() && (type.DeclaringType is not { } declaring || declaring.IsWrittenByHand());

    /// <summary>The hand-written type a compiler-generated one (a lambda's closure, an async state machine) belongs to.</summary>
    public static TypeDefinition Owner(this TypeDefinition type)
    {
        while (type.IsCompilerGenerated() && type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    /// <summary>Public to other assemblies: a nested type only when every type around it is too.</summary>
    public static bool IsVisibleOutsideAssembly(this TypeDefinition type) => type.DeclaringType is { } declaring
        ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && declaring.IsVisibleOutsideAssembly()
        : type.IsPublic;

    public static bool DerivesFrom(this TypeDefinition type, string baseFullName) =>
        type.BaseTypes().Any(b => b.GetElementType().FullName == baseFullName);

    public static bool Implements(this TypeDefinition type, string interfaceFullName) =>
        type.BaseTypes().Select(TryResolve).Prepend(type).OfType<TypeDefinition>()
            .Any(t => t.Interfaces.Any(i => i.InterfaceType.GetElementType().FullName == interfaceFullName));

    /// <summary>The base type chain, as far as the assemblies at hand let it be resolved.</summary>
    public static IEnumerable<TypeReference> BaseTypes(this TypeDefinition type)
    {
        for (var current = type.BaseType; current is not null; current = current.TryResolve()?.BaseType)
        {
            yield return current;
        }
    }

    public static TypeDefinition? TryResolve(this TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }

    /// <summary>The name as C# reflection prints it: <c>Outer+Inner</c> for nested types.</summary>
    public static string DisplayName(this TypeReference type) => type.FullName.Replace('/', '+');

    public static string AssemblyName(this TypeReference type) => type.GetElementType().Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        ModuleDefinition module => module.Assembly?.Name.Name ?? module.Name,
        var scope => scope.Name,
    };

    public static bool IsDefinedIn(this TypeReference type, AssemblyDefinition assembly) =>
        type.AssemblyName() == assembly.Name.Name;
}
