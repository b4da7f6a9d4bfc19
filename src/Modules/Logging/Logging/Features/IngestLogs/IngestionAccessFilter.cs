using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ModuleKit.Http;

namespace Logging.Features.IngestLogs;

/// <summary>
/// Log ingestion is not open to the network: a client on this machine may send (the lecture's set-up, unless
/// <c>AllowLoopback</c> is off), anyone else needs the configured ingestion key. No user token is involved,
/// so the Host's own shipper and scripts can send without logging in. A request that came through a proxy is
/// judged by the clients the proxies name: only when every hop is this machine (the Host's front door passing on
/// a local client's request to an extracted Logging service) is it a local client.
/// </summary>
internal sealed class IngestionAccessFilter(IOptions<LoggingOptions> options) : IEndpointFilter
{
    public const string KeyHeader = "X-Ingestion-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ingestion = options.Value.Ingestion;
        var http = context.HttpContext;
        if (ingestion.AllowLoopback && ClientAddress.IsLoopback(http.Connection.RemoteIpAddress) && ForwardedOnlyForLoopback(http.Request.Headers))
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

    /// <summary>
    /// Whether every client the forwarding headers name is this machine. A proxy appends the address it received
    /// from, so a remote client cannot hide behind a local proxy by adding headers: its own address is appended after
    /// them. The standard <c>Forwarded</c> header is not parsed, and a proxy that names a host but no client is not
    /// trusted, so either means "not local".
    /// </summary>
    private static bool ForwardedOnlyForLoopback(IHeaderDictionary headers)
    {
        if (headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        if (!headers.TryGetValue("X-Forwarded-For", out var forwardedFor))
        {
            return !headers.ContainsKey("X-Forwarded-Host");
        }

        return forwardedFor
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            .All(hop => IPAddress.TryParse(hop, out var address) && ClientAddress.IsLoopback(address));
    }

    /// <summary>Compares hashes in constant time, so neither the key's content nor its length leaks through timing.</summary>
    private static bool KeyMatches(string sent, string key) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(sent)),
            SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
