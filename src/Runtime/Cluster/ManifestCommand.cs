using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit;
using ModuleRuntime.Composition;

namespace ModuleRuntime.Cluster;

/// <summary>
/// <c>write-manifests --settings deploy/cluster.settings.json --out deploy/kubernetes</c>: the Kubernetes and Istio
/// documents for the modules this host composes, from the module settings in that one file alone, so the output
/// does not depend on the machine it runs on (docs/deploy.md). Exit code 0 when written, 2 when refused.
/// </summary>
public sealed class ManifestCommand
{
    public const string Verb = "write-manifests";

    private readonly string? settings;
    private readonly string? output;

    private ManifestCommand(string? settings, string? output)
    {
        this.settings = settings;
        this.output = output;
    }

    /// <summary>The command the arguments name, or null when they name none.</summary>
    public static ManifestCommand? Parse(string[] args)
    {
        if (args is not [Verb, .. var rest])
        {
            return null;
        }

        string? Option(string name) => Array.IndexOf(rest, name) is var i and >= 0 && i + 1 < rest.Length ? rest[i + 1] : null;
        return new ManifestCommand(Option("--settings"), Option("--out"));
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter console)
    {
        if (settings is null || output is null || !File.Exists(settings))
        {
            await console.WriteLineAsync($"{Verb}: usage: {Verb} --settings <settings.json> --out <folder>; the settings file must exist.");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(settings), optional: false, reloadOnChange: false).Build();
        var modules = services.GetRequiredService<ModuleCatalog>().Modules
            .Select(m => (m.Name, PublicPaths(m, services))).ToList();
        IReadOnlyList<ManifestFile> files;
        try
        {
            files = ClusterManifests.Build(modules, configuration);
        }
        catch (ValidationException e)
        {
            await console.WriteLineAsync($"{Verb}: {e.Message}");
            return 2;
        }

        Directory.CreateDirectory(output);
        foreach (var stale in Directory.GetFiles(output, "*.json").Where(f => files.All(m => m.Name != Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Path.Combine(output, file.Name), file.Text());
            await console.WriteLineAsync($"{Path.Combine(output, file.Name)}: {string.Join(", ", file.Documents.Select(d => $"{d["kind"]} {d["metadata"]?["name"]}"))}");
        }

        return 0;
    }

    /// <summary>The module's prefix, and the literal start of each endpoint it maps outside it (such as Logging's <c>/log</c>).</summary>
    private static IReadOnlyList<string> PublicPaths(IModule module, IServiceProvider services)
    {
        var root = new PathCollector(services);
        module.MapRootEndpoints(root);
        var rootPaths = root.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).Split('{')[0].Trim('/'));
        return [.. new[] { module.RoutePrefix }.Concat(rootPaths).Distinct(StringComparer.Ordinal)];
    }

    private sealed class PathCollector(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
