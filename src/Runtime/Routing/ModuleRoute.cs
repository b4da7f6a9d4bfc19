using ModuleKit;
using Polly;

namespace ModuleRuntime.Routing;

/// <summary>One module's routing as currently configured: rebuilt whenever its configuration changes.</summary>
public sealed class ModuleRoute
{
    internal ModuleRoute(string name, bool hosted, ModuleRouteOptions options, IReadOnlyList<Uri> destinations)
    {
        Name = name;
        Hosted = hosted;
        Options = options;
        Destinations = destinations;
        Mode = hosted ? options.Mode : ModuleMode.Remote;
        LocalFaults = ModuleFaults.Build(name, ModuleSide.Local, options.Faults.Local);
        RemoteFaults = ModuleFaults.Build(name, ModuleSide.Remote, options.Faults.Remote);
        Calls = new RemoteCallPipelines(name, options.Remote);
    }

    public string Name { get; }

    /// <summary>Whether this process has the module compiled in, so it can serve the module itself.</summary>
    public bool Hosted { get; }

    /// <summary>The configured mode; always <see cref="ModuleMode.Remote"/> for a module this process does not host.</summary>
    public ModuleMode Mode { get; }

    public ModuleRouteOptions Options { get; }

    public IReadOnlyList<Uri> Destinations { get; }

    /// <summary>Whether the in-process copy may step in when no extracted instance can take the work.</summary>
    public bool CanFallBack => Hosted && Options.Fallback;

    public ResiliencePipeline LocalFaults { get; }

    public ResiliencePipeline RemoteFaults { get; }

    internal RemoteCallPipelines Calls { get; }

    public ResiliencePipeline Faults(ModuleSide side) => side == ModuleSide.Local ? LocalFaults : RemoteFaults;
}
