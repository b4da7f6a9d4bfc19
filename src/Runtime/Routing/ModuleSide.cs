using ModuleKit;

namespace ModuleRuntime.Routing;

/// <summary>Where a piece of a module's work is served: by the copy compiled into this process, or by an extracted instance.</summary>
public enum ModuleSide
{
    Local,
    Remote,
}

/// <summary>How a module is deployed, as configured in <c>Modules:&lt;Name&gt;:Mode</c>.</summary>
public enum ModuleMode
{
    InProcess,
    Remote,
}
