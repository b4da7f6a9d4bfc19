using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArchitectureTests.Diagram;

/// <summary>
/// Each module's configuration section as the Host ships it (<c>Modules:&lt;Name&gt;</c> in its appsettings.json):
/// every leaf key, in configuration's <c>A:B</c> form, with its default written as JSON.
/// </summary>
internal static class ModuleSettings
{
    public const string HostSettingsPath = "src/Host/appsettings.json";

    public static ILookup<string, ModuleSetting> Read() =>
        Parse(File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot(), HostSettingsPath)));

    public static ILookup<string, ModuleSetting> Parse(string json)
    {
        var document = JsonNode.Parse(json, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip });
        var modules = document?["Modules"] as JsonObject ?? [];
        return modules
            .SelectMany(module => Leaves(module.Value, "").Select(setting => (module: module.Key, setting)))
            .ToLookup(found => found.module, found => found.setting, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<ModuleSetting> Leaves(JsonNode? node, string path) => node is JsonObject { Count: > 0 } section
        ? section.SelectMany(child => Leaves(child.Value, path.Length == 0 ? child.Key : $"{path}:{child.Key}"))
        : path.Length == 0 ? [] : [new ModuleSetting(path, node?.ToJsonString() ?? "null")];
}
