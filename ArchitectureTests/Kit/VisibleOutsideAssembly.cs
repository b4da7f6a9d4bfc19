namespace ArchitectureTests.Kit;

/// <summary>
/// Public to other assemblies. NetArchTest's own <c>ArePublic</c> counts a public type nested in an internal one,
/// which no other assembly can reach; this counts a nested type only when every type around it is public too.
/// </summary>
internal sealed class VisibleOutsideAssembly : ICustomRule
{
    public static readonly VisibleOutsideAssembly Rule = new();

    public bool MeetsRule(TypeDefinition type) => type.IsVisibleOutsideAssembly();
}
