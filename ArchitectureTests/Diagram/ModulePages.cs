using System.Text;

namespace ArchitectureTests.Diagram;

/// <summary>
/// A section per module, read from the compiled code and the composed Host: the contracts it serves and their kind,
/// the events it publishes and handles, its public routes and its configuration section.
/// </summary>
internal static class ModulePages
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool", ["System.Int32"] = "int", ["System.Int64"] = "long", ["System.Double"] = "double",
        ["System.Decimal"] = "decimal", ["System.String"] = "string", ["System.Object"] = "object",
    };

    public static string Markdown(ModuleModel model, HostFacts host) =>
        string.Concat(model.Modules.Select(module => Page(module, model, host)));

    private static string Page(Module module, ModuleModel model, HostFacts host)
    {
        var text = new StringBuilder($"\n## {module.Name}\n\nEntry point `{module.EntryPoint.FullName}`.\n");

        Table(text, "Contracts served", ["Contract", "Kind", "Response"], module.Contracts is null ? [] :
            RequestKind.RequestsIn(module.Contracts)
                .Select(r => new[] { Code(r.Name), string.Join(", ", RequestKind.Of(r).DefaultIfEmpty("none")), Code(CSharpName(RequestKind.ResponseOf(r))) }));

        Table(text, "Events published", ["Event", "Added to the outbox by"], ModuleEvents.Published(module.Implementation)
            .Select(p => new[] { Code(CSharpName(p.Event)), Code(p.Publisher.DisplayName()) })
            .OrderBy(row => row[0], StringComparer.Ordinal).ThenBy(row => row[1], StringComparer.Ordinal));

        Table(text, "Events handled", ["Event", "From", "Handler"], ModuleEvents.Handled(module.Implementation)
            .Select(h => new[] { Code(CSharpName(h.Event)), OwnerOf(h.Event, model), Code(h.Handler.DisplayName()) })
            .OrderBy(row => row[0], StringComparer.Ordinal).ThenBy(row => row[2], StringComparer.Ordinal));

        Table(text, "Public routes", ["Method", "Route"], host.Routes[module.Name]
            .Select(r => new[] { r.Methods, Code(r.Pattern) }));

        Table(text, $"Configuration: `Modules:{module.Name}`, defaults from {ModuleSettings.HostSettingsPath}", ["Key", "Default"],
            host.Settings[module.Name].Select(s => new[] { Code(s.Key), Code(s.Default) }));
        return text.ToString();
    }

    private static void Table(StringBuilder text, string heading, string[] columns, IEnumerable<string[]> rows)
    {
        text.Append($"\n### {heading}\n\n");
        // Distinct: a type that adds the same event in two places publishes it once.
        var lines = rows.Select(row => $"| {string.Join(" | ", row.Select(Escape))} |\n").Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count == 0)
        {
            text.Append("None.\n");
            return;
        }

        text.Append($"| {string.Join(" | ", columns)} |\n| {string.Join(" | ", columns.Select(_ => "---"))} |\n");
        lines.ForEach(line => text.Append(line));
    }

    /// <summary>The module whose contracts declare the event, or its assembly when no module owns it.</summary>
    private static string OwnerOf(TypeReference type, ModuleModel model)
    {
        var assembly = type.AssemblyName();
        return model.Modules.FirstOrDefault(m => m.Owns(assembly))?.Name ?? assembly;
    }

    /// <summary>The name as C# source writes it without namespaces: <c>IReadOnlyList&lt;UserSummary&gt;</c>, <c>int</c>.</summary>
    private static string CSharpName(TypeReference type)
    {
        if (Keywords.TryGetValue(type.FullName, out var keyword))
        {
            return keyword;
        }

        var name = type.Name.Split('`')[0];
        return type is GenericInstanceType generic ? $"{name}<{string.Join(", ", generic.GenericArguments.Select(CSharpName))}>" : name;
    }

    private static string Code(string text) => $"`{text}`";

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
