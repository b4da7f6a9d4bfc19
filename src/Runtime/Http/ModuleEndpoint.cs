using ModuleKit;
using ModuleKit.Http;

namespace ModuleRuntime.Http;

/// <summary>Endpoint metadata naming the module an endpoint belongs to.</summary>
public sealed record ModuleEndpoint(string ModuleName);
