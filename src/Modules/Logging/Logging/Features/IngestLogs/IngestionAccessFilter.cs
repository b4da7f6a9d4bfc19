using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModuleKit.Problems;

namespace Logging.Features.IngestLogs;

/// <summary>
/// Log ingestion is not open to the network: a client on this machine may send (the lecture's set-up, unless
/// <c>AllowLoopback</c> is off), anyone else needs the configured ingestion key. No user token is involved,
/// so the Host's own shipper and scripts can send without logging in. A request that went through a proxy
/// (it carries forwarding headers) is not a client on this machine, even though the proxy connects from loopback.
/// </summary>
internal sealed class IngestionAccessFilter(IOptions<LoggingOptions> options) : IEndpointFilter
{
    public const string KeyHeader = "X-Ingestion-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ingestion = options.Value.Ingestion;
        var http = context.HttpContext;
        if (ingestion.AllowLoopback && IsLoopback(http.Connection.RemoteIpAddress) && !WasForwarded(http.Request.Headers))
        {
            return next(context);
        }

        if (!string.IsNullOrEmpty(ingestion.Key) && KeyMatches(http.Request.Headers[KeyHeader].ToString(), ingestion.Key))
        {
            return next(context);
        }

        throw new UnauthorizedException(string.IsNullOrEmpty(ingestion.Key)
            ? "Logs are accepted only from this machine: no ingestion key is configured (Modules:Logging:Ingestion:Key)."
            : $"Sending logs needs the ingestion key: send it in the {KeyHeader} header. The key is Modules:Logging:Ingestion:Key in the server's configuration.");
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// Whether a proxy passed the request on for someone else. These headers are not trusted for who that was,
    /// only for the fact that it was not this machine: a client cannot gain access by adding them, only lose it.
    /// </summary>
    private static bool WasForwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Host") || headers.ContainsKey("Forwarded");

    /// <summary>Compares hashes in constant time, so neither the key's content nor its length leaks through timing.</summary>
    private static bool KeyMatches(string sent, string key) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(sent)),
            SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
