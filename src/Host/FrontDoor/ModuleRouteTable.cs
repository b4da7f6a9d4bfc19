using Microsoft.AspNetCore.Routing.Template;
using ModuleKit.Http;
using ModuleRuntime.Composition;
using ModuleRuntime.Http;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Which module a request path belongs to: its prefix (<c>/api/tweets/…</c>) or one of the module's endpoints mapped
/// outside it (such as the Logging module's <c>/log</c>), read from the endpoints themselves so no path is missed.
/// </summary>
internal sealed class ModuleRouteTable(EndpointDataSource endpoints, ModuleCatalog catalog)
{
    private readonly Lazy<Table> table = new(() => Table.Build(endpoints, catalog));

    public string? Match(PathString path) => table.Value.Match(path);

    private sealed class Table(IReadOnlyList<(PathString Prefix, string Module)> prefixes, IReadOnlyList<(TemplateMatcher Matcher, string Module)> roots)
    {
        public static Table Build(EndpointDataSource endpoints, ModuleCatalog catalog)
        {
            var prefixes = catalog.Modules.Select(m => (new PathString(m.RoutePrefix), m.Name)).ToList();
            var roots = endpoints.Endpoints
                .OfType<RouteEndpoint>()
                .Select(e => (Endpoint: e, Module: e.Metadata.GetMetadata<ModuleEndpoint>()?.ModuleName))
                .Where(x => x.Module is not null && x.Endpoint.RoutePattern.RawText is { } raw
                    && !prefixes.Any(p => new PathString("/" + raw.TrimStart('/')).StartsWithSegments(p.Item1)))
                .Select(x => (new TemplateMatcher(TemplateParser.Parse(x.Endpoint.RoutePattern.RawText!.TrimStart('/')), []), x.Module!))
                .ToList();
            return new Table(prefixes, roots);
        }

        public string? Match(PathString path)
        {
            foreach (var (prefix, module) in prefixes)
            {
                if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return module;
                }
            }

            foreach (var (matcher, module) in roots)
            {
                if (matcher.TryMatch(path, []))
                {
                    return module;
                }
            }

            return null;
        }
    }
}
