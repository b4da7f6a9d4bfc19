using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using ModuleRuntime.Routing;

namespace ModuleRuntime.Cluster;

/// <summary>The Kubernetes and Istio documents for a set of modules and their settings, one file per concern (docs/adr/0040).</summary>
public static class ClusterManifests
{
    /// <summary>Reads <c>Cluster</c> and each module's <c>Modules:&lt;Name&gt;</c> from <paramref name="settings"/>; throws when a module's settings are invalid.</summary>
    public static IReadOnlyList<ManifestFile> Build(IReadOnlyList<(string Name, IReadOnlyList<string> PublicPaths)> modules, IConfiguration settings)
    {
        var cluster = settings.GetSection("Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        var rules = new ModuleRouteRules();
        var shaped = modules.Select(m =>
        {
            var route = settings.GetSection($"Modules:{m.Name}").Get<ModuleRouteOptions>() ?? new ModuleRouteOptions();
            var module = new ClusterModule(m.Name, m.PublicPaths, route);
            // The cluster decides where an extracted module's instances are: its own Service.
            route.Destinations = module.Extracted ? [Manifest.Url(module.Service, cluster.Namespace)] : [];
            var result = rules.Validate(route);
            if (!result.IsValid)
            {
                throw new ValidationException($"Modules:{m.Name}: {string.Join(" ", result.Errors.Select(e => $"{e.PropertyName} {e.ErrorMessage}"))}");
            }

            return module;
        }).ToList();

        var workloads = new List<Workload> { new(Workload.HostName, IsHost: true, shaped) };
        workloads.AddRange(shaped.Where(m => m.Extracted).Select(m => new Workload(m.Service, IsHost: false, [m])));

        var files = new List<ManifestFile>
        {
            new("namespace.json", [Namespace(cluster.Namespace)]),
            new("external-servers.json", [.. Access.ExternalServers(cluster)]),
            new("mesh.json", [Mesh.PeerAuthentication(cluster.Namespace), Mesh.Gateway(cluster), Mesh.PublicRoutes(shaped, cluster)]),
        };
        foreach (var workload in workloads)
        {
            var documents = Workloads.Documents(workload, shaped, cluster).ToList();
            documents.Add(Access.Policy(workload, workloads, cluster));
            if (!workload.IsHost)
            {
                documents.Add(Mesh.ServiceRoutes(workload.Modules[0], cluster.Namespace));
                documents.Add(Mesh.DestinationRule(workload.Modules[0], cluster.Namespace));
            }

            files.Add(new ManifestFile($"{workload.Name}.json", documents));
        }

        return files;
    }

    private static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["istio-injection"] = "enabled", ["app.kubernetes.io/part-of"] = "monolith" },
        },
    };
}
