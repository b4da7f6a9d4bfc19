using Yarp.ReverseProxy.Forwarder;

namespace Monolith.Host.FrontDoor;

/// <summary>
/// The HTTP clients YARP builds per module cluster, which here send only the readiness probes (forwarded requests go
/// through the front door's own client): each answer's body is read in full within the probe's timeout, so
/// <see cref="DatabaseIdentityCheck"/>, which YARP calls synchronously, reads it from memory.
/// </summary>
internal sealed class ProbeClients(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new BufferedAnswers { InnerHandler = base.WrapHandler(context, handler) };

    private sealed class BufferedAnswers : DelegatingHandler
    {
        // A readiness body is a few hundred bytes; anything far larger is not one.
        private const long MaxBody = 64 * 1024;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                await response.Content.LoadIntoBufferAsync(MaxBody, cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
