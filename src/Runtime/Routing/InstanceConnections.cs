using System.Diagnostics;
using System.Net;

namespace ModuleRuntime.Routing;

/// <summary>
/// The one connection setup for calls between processes: the front door's forwarding and <c>InternalHttp</c>'s
/// contract calls and event deliveries, so an instance sees the same pooling whichever path a call took.
/// </summary>
public static class InstanceConnections
{
    /// <param name="propagator">
    /// How trace context is written; the front door passes YARP's, which replaces the client's own headers rather
    /// than adding a second set.
    /// </param>
    public static SocketsHttpHandler Handler(DistributedContextPropagator? propagator = null) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        // Short, so a dead instance is noticed (and left out) quickly rather than after the OS's connect timeout.
        ConnectTimeout = TimeSpan.FromSeconds(2),
        // Re-resolves instance addresses now and then, so a moved instance is found without a restart.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        // The tighter of the two former setups (the front door had no limit): a slow instance then queues this
        // process's calls instead of being sent an unbounded number of sockets at once.
        MaxConnectionsPerServer = 256,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = propagator ?? DistributedContextPropagator.Current,
    };
}
