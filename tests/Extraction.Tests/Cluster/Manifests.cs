using System.Text.Json.Nodes;

namespace Extraction.Tests.Cluster;

/// <summary>
/// The built Host's <c>write-manifests</c> command and the schema check under Node (<c>deploy/schema</c>), as an
/// operator runs them. The command writes to a temporary folder, so a test never rewrites the committed files.
/// </summary>
internal static class Manifests
{
    private static readonly Lazy<Task> SchemaTools = new(InstallSchemaTools);

    public static string Committed => Path.Combine(Builds.RepositoryRoot, "deploy", "kubernetes");

    public static string CommittedSettings => Path.Combine(Builds.RepositoryRoot, "deploy", "cluster.settings.json");

    private static string SchemaFolder => Path.Combine(Builds.RepositoryRoot, "deploy", "schema");

    /// <summary>Runs <c>write-manifests</c> on these settings into a new temporary folder.</summary>
    public static async Task<(int ExitCode, string Output, string Folder)> Write(string settingsFile)
    {
        var folder = Path.Combine(Path.GetTempPath(), "monolith-manifests", Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(folder, "data");
        var output = Path.Combine(folder, "kubernetes");
        var (exitCode, stdout, stderr) = await Command.Run(
            "dotnet", [Builds.HostDll, "write-manifests", "--settings", settingsFile, "--out", output], Path.GetTempPath(),
            new Dictionary<string, string> { ["Data__Directory"] = data });
        return (exitCode, stdout + stderr, output);
    }

    /// <summary>The documents of every file in a folder, by file name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Read(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToDictionary(
            f => Path.GetFileName(f),
            f => (IReadOnlyList<JsonObject>)[.. JsonNode.Parse(File.ReadAllText(f))!["items"]!.AsArray().Select(i => i!.AsObject())]);

    public static JsonObject Find(IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> files, string kind, string name) =>
        files.Values.SelectMany(d => d).Single(d => (string?)d["kind"] == kind && (string?)d["metadata"]!["name"] == name);

    /// <summary>Validates the files with <c>deploy/schema/validate.mjs</c>: its exit code and one result per document.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<SchemaResult> Results, string Errors)> Validate(IEnumerable<string> files)
    {
        await SchemaTools.Value;
        var (exitCode, output, errors) = await Command.Run("node", ["validate.mjs", .. files], SchemaFolder);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<SchemaResult>(line, JsonSerializerOptions.Web)!).ToList();
        return (exitCode, results, errors);
    }

    /// <summary>Node from Debian when the machine has none, then the locked schema packages (<c>npm ci</c>, into the ignored node_modules).</summary>
    private static async Task InstallSchemaTools()
    {
        if (!File.Exists("/usr/bin/node") && DebianPackages.AptAvailable)
        {
            await DebianPackages.System.InstallAsync("nodejs", "npm");
        }

        var (exitCode, output, errors) = await Command.Run("npm", ["ci", "--no-audit", "--no-fund"], SchemaFolder);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {SchemaFolder} failed ({exitCode}):\n{output}\n{errors}");
        }
    }
}

internal sealed record SchemaResult(string File, string? Kind, string? Name, string? Error);
