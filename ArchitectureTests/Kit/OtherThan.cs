namespace ArchitectureTests.Kit;

/// <summary>
/// Every type but one, matched by full name: NetArchTest's <c>DoNotHaveName</c> compares only the short name, which
/// would also exempt a namesake in another namespace.
/// </summary>
internal sealed class OtherThan(TypeDefinition excluded) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type) => type.FullName != excluded.FullName;
}
