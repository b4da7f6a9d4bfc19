namespace ArchitectureTests.Kit;

/// <summary>
/// A contract request and the kinds it declares, read from metadata so fixtures (written, never loaded) are read the
/// same way as the build output.
/// </summary>
internal static class RequestKind
{
    public const string Query = "query";
    public const string Command = "command";

    private const string Request = "MediatR.IRequest`1";

    private static readonly (string Interface, string Kind)[] Kinds = [("ContractKinds.IQuery`1", Query), ("ContractKinds.ICommand`1", Command)];

    /// <summary>The public requests of a Contracts assembly, ordered by name.</summary>
    public static IEnumerable<TypeDefinition> RequestsIn(AssemblyDefinition contracts) => contracts.MainModule.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsWrittenByHand() && t.IsVisibleOutsideAssembly() && t.Implements(Request))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Every kind the request declares: exactly one, when it keeps the rule.</summary>
    public static IReadOnlyList<string> Of(TypeDefinition request) => [.. Kinds.Where(k => request.Implements(k.Interface)).Select(k => k.Kind)];

    /// <summary>The <c>TResponse</c> of the request's <c>IRequest&lt;TResponse&gt;</c>.</summary>
    public static TypeReference ResponseOf(TypeDefinition request) => request.Interfaces
        .Select(i => i.InterfaceType)
        .OfType<GenericInstanceType>()
        .First(i => i.ElementType.FullName == Request)
        .GenericArguments[0];
}
