namespace ArchitectureTests.Rules.SliceLayout;

/// <summary>
/// One hop to any feature: a module's use cases live in <c>Features/&lt;UseCase&gt;/</c>, and a file playing one of the
/// slice roles (endpoint, request, handler, validator) is named for the use case it belongs to, so the folder name
/// is all a reader needs to find the route, the request and the code that answers it.
/// </summary>
internal static class SliceLayoutRule
{
    public const string Description = "every slice is a folder of its own under Features, and its role files carry the slice's name";

    private static readonly string[] Roles = ["Endpoint", "Endpoints", "Query", "Command", "Handler", "Validator"];

    // A slice has one request, so one handler and one validator; a file of several is several slices in one folder.
    private static readonly string[] Several = ["Queries", "Commands", "Handlers", "Validators"];

    /// <summary>Checks every module's <c>Features</c> folder under <paramref name="modulesRoot"/> (<c>src/Modules</c>).</summary>
    public static RuleResult Check(string modulesRoot) => new(Description,
        Directory.EnumerateDirectories(modulesRoot, "Features", SearchOption.AllDirectories)
            .Where(features => !features.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(features => Violations(modulesRoot, features)));

    private static IEnumerable<Violation> Violations(string modulesRoot, string features)
    {
        foreach (var loose in Directory.EnumerateFiles(features, "*.cs"))
        {
            yield return new Violation(Path.GetRelativePath(modulesRoot, loose), "is not in a slice folder");
        }

        foreach (var slice in Directory.EnumerateDirectories(features))
        {
            var name = Path.GetFileName(slice);
            foreach (var nested in Directory.EnumerateDirectories(slice))
            {
                yield return new Violation(Path.GetRelativePath(modulesRoot, nested), "nests a folder inside a slice");
            }

            foreach (var file in Directory.EnumerateFiles(slice, "*.cs").Select(Path.GetFileNameWithoutExtension).OfType<string>())
            {
                if (Several.FirstOrDefault(p => file.EndsWith(p, StringComparison.Ordinal)) is { } plural)
                {
                    yield return new Violation(Path.GetRelativePath(modulesRoot, Path.Combine(slice, file + ".cs")), $"holds {plural.ToLowerInvariant()} of several use cases");
                    continue;
                }

                var role = Roles.FirstOrDefault(r => file.EndsWith(r, StringComparison.Ordinal));
                if (role is not null && file != name + role)
                {
                    yield return new Violation(Path.GetRelativePath(modulesRoot, Path.Combine(slice, file + ".cs")), $"plays the {role} role of a slice named {file[..^role.Length]}, not {name}");
                }
            }
        }
    }
}
