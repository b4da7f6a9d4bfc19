using ModuleKit;
using ModuleKit.Http;

namespace ModuleRuntime.Http;

/// <summary>
/// A request feature naming the module whose endpoint served the request and the authenticated caller; set by
/// the request-logging middleware and filled in once routing and authentication have run.
/// </summary>
public sealed class RequestOwner
{
    public const string HostModule = "Host";

    public string Module { get; set; } = HostModule;

    public string? UserId { get; set; }
}
