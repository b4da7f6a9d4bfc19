using System.Net;
using Microsoft.AspNetCore.Http;

namespace ModuleKit.Http;

/// <summary>
/// The address of the client a request came from. The Host runs no forwarded-headers middleware, so
/// <see cref="ConnectionInfo.RemoteIpAddress"/> is the TCP peer: the client itself, or, for an extracted Logging
/// service, the front door that forwarded the request and appended that client to <c>X-Forwarded-For</c>. A proxy on
/// this machine is the only one trusted (as in the Logging module's ingestion check), so the chain is walked from the
/// right while the current hop is loopback; the first address a trusted hop names that is not this machine is the
/// client. Anything to its left was written by the client or an untrusted proxy and could be made up. Rate limits
/// and log-in throttling key on this address, so a request counts against its real client in whichever process serves it.
/// </summary>
public static class ClientAddress
{
    /// <summary>The client's address as text, or null when the connection has none (an in-memory test server).</summary>
    public static string? Of(HttpContext http)
    {
        var current = http.Connection.RemoteIpAddress;
        if (current is null)
        {
            return null;
        }

        var hops = http.Request.Headers["X-Forwarded-For"]
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        for (var i = hops.Count - 1; i >= 0 && IsLoopback(current); i--)
        {
            // A hop that is not an address ends the walk, as ASP.NET Core's forwarded-headers middleware does: the
            // last address known is kept rather than guessing past it.
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                break;
            }

            current = hop;
        }

        return current.ToString();
    }

    /// <summary>Whether the address is this machine (IPv4-mapped IPv6 included).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
