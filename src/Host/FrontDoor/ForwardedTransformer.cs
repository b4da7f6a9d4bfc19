using Yarp.ReverseProxy.Forwarder;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// Copies the request as it came and says who sent it (<c>X-Forwarded-For/Proto/Host</c>, appended to any a proxy in
/// front already added), so an extracted module judges the real client, not the front door's loopback address.
/// </summary>
internal sealed class ForwardedTransformer : HttpTransformer
{
    public static readonly ForwardedTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Request;
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var forwardedFor = request.Headers["X-Forwarded-For"].ToString();
        proxyRequest.Headers.Remove("X-Forwarded-For");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor.Length == 0 ? client : $"{forwardedFor}, {client}");
        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        proxyRequest.Headers.Remove("X-Forwarded-Host");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
    }
}
