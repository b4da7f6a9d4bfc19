using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModuleRuntime.Cluster;

/// <summary>One generated file under <c>deploy/kubernetes</c>: a Kubernetes <c>List</c> of the documents of one workload or concern.</summary>
public sealed record ManifestFile(string Name, IReadOnlyList<JsonObject> Documents)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The file's text: stable for the same settings, so a stale committed copy shows up as a difference.</summary>
    public string Text()
    {
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray([.. Documents.Select(d => d.DeepClone())]),
        };
        return list.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }
}

/// <summary>The small pieces every document is made of.</summary>
internal static class Manifest
{
    public const int HttpPort = 8080;

    public static JsonObject Document(string apiVersion, string kind, string name, string ns, JsonObject spec, string specName = "spec") => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = Metadata(name, ns),
        [specName] = spec,
    };

    public static JsonObject Metadata(string name, string? ns) => ns is null
        ? new JsonObject { ["name"] = name, ["labels"] = Labels(name) }
        : new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = Labels(name) };

    public static JsonObject Labels(string app) => new() { ["app"] = app, ["app.kubernetes.io/part-of"] = "monolith" };

    public static JsonArray Array(params IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonArray Strings(params IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)i)]);

    /// <summary>A duration as Istio writes it, such as <c>5s</c> or <c>0.25s</c>.</summary>
    public static string Duration(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(value.TotalSeconds, 0.001):0.###}s");

    /// <summary>Whole seconds for a probe, at least one.</summary>
    public static int Seconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));

    public static string Fqdn(string service, string ns) => $"{service}.{ns}.svc.cluster.local";

    public static string Url(string service, string ns) => $"http://{Fqdn(service, ns)}:{HttpPort}";

    public static string Principal(string serviceAccount, string ns) => $"cluster.local/ns/{ns}/sa/{serviceAccount}";
}
