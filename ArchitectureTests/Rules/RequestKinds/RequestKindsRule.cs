namespace ArchitectureTests.Rules.RequestKinds;

/// <summary>
/// Whether a failed remote call may be retried, or answered by a fallback copy of the module, depends on the kind a
/// contract declares. A request without one would be refused when a host starts; this says so at build time, and names it.
/// </summary>
internal static class RequestKindsRule
{
    public const string Description = "every request in a Contracts assembly declares exactly one kind, IQuery<T> or ICommand<T>";

    public static RuleResult Check(ModuleModel model) => new(Description, model.Modules
        .Where(m => m.Contracts is not null)
        .SelectMany(m => RequestKind.RequestsIn(m.Contracts!))
        .Select(request => (request, kinds: RequestKind.Of(request)))
        .Where(found => found.kinds.Count != 1)
        .Select(found => new Violation(found.request.DisplayName(), found.kinds.Count == 0
            ? "declares no kind: implement IQuery<T> if it changes nothing, ICommand<T> if it may"
            : "declares both IQuery<T> and ICommand<T>")));
}
