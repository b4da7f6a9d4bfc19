namespace ModuleRuntime.Composition;

/// <summary>Module names derived from assembly names: <c>Users</c> and <c>Users.Contracts</c> both belong to Users.</summary>
public static class ModuleNames
{
    public const string ContractsSuffix = ".Contracts";

    public static string Of(Type type)
    {
        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        return assembly.EndsWith(ContractsSuffix, StringComparison.Ordinal)
            ? assembly[..^ContractsSuffix.Length]
            : assembly;
    }
}
