using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ModuleRuntime.Routing;

namespace Monolith.Host.FrontDoor.Shadow;

/// <summary>
/// Shadowing on the request path: picks the share of a module's safe requests (GET, HEAD) set by
/// <c>Modules:&lt;Name&gt;:Shadow</c> while the in-process copy serves them, copies the answer, and queues the request
/// for <see cref="ShadowRunner"/>. It never waits: over <c>FrontDoor:Shadow:MaxInFlight</c> a request is simply not
/// shadowed (and counted as skipped), so the client's answer and latency do not depend on the extracted side.
/// </summary>
internal sealed class ShadowTraffic(IOptionsMonitor<ShadowOptions> options, ShadowResults results)
{
    private static readonly HashSet<string> NotCopied = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "TE", "Trailer",
        "Proxy-Connection", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", ModulePlacement.ForceHeader,
    };

    private readonly Channel<ShadowTrial> queue = Channel.CreateUnbounded<ShadowTrial>(new UnboundedChannelOptions { SingleReader = true });
    private int inFlight;

    public ChannelReader<ShadowTrial> Trials => queue.Reader;

    private ShadowOptions Settings => options.CurrentValue;

    /// <summary>Starts copying the answer when this request is to be shadowed; null otherwise.</summary>
    public Shadowing? Begin(ModuleRoute route, HttpContext context)
    {
        var request = context.Request;
        if (route.Options.Shadow <= 0 || route.Destinations.Count == 0
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || Random.Shared.NextDouble() * 100 >= route.Options.Shadow)
        {
            return null;
        }

        if (Interlocked.Increment(ref inFlight) > options.CurrentValue.MaxInFlight)
        {
            Interlocked.Decrement(ref inFlight);
            results.Skipped(route.Name);
            return null;
        }

        var headers = request.Headers.Where(h => !NotCopied.Contains(h.Key)).Select(h => KeyValuePair.Create(h.Key, h.Value.OfType<string>().ToArray())).ToList();
        return new Shadowing(this, context, route.Name, headers);
    }

    private void Skip(string module) => results.Skipped(module);

    /// <summary>Frees the place of a shadow request that finished or was never sent.</summary>
    public void Release() => Interlocked.Decrement(ref inFlight);

    private void Queue(ShadowTrial trial)
    {
        if (!queue.Writer.TryWrite(trial))
        {
            Release();
        }
    }

    /// <summary>
    /// One request being shadowed. Its answer is copied for the rest of the request, so an error answer written by the
    /// exception handler further out is compared too; the trial is queued once the response has been sent.
    /// </summary>
    internal sealed class Shadowing
    {
        private readonly ShadowTraffic owner;
        private readonly HttpContext context;
        private readonly string module;
        private readonly IReadOnlyList<KeyValuePair<string, string[]>> headers;
        private readonly ShadowCapture capture;
        private string? route;

        public Shadowing(ShadowTraffic owner, HttpContext context, string module, IReadOnlyList<KeyValuePair<string, string[]>> headers)
        {
            this.owner = owner;
            this.context = context;
            this.module = module;
            this.headers = headers;
            capture = new ShadowCapture(context.Response.Body, owner.Settings.MaxBodyBytes);
            context.Response.Body = capture;
            context.Response.OnCompleted(() =>
            {
                Complete();
                return Task.CompletedTask;
            });
        }

        /// <summary>Notes the route the module matched, before an exception handler further out clears it.</summary>
        public void Served()
        {
            var request = context.Request;
            route = context.GetEndpoint() is RouteEndpoint endpoint && endpoint.RoutePattern.RawText is { } pattern
                ? $"{request.Method} /{pattern.Trim('/')}"
                : $"{request.Method} {request.Path}";
        }

        private void Complete()
        {
            var (request, response) = (context.Request, context.Response);
            if (capture.Overflowed || response.StatusCode >= 500 || route is null)
            {
                owner.Skip(module);
                owner.Release();
                return;
            }

            var compared = owner.Settings.ComparedHeaders
                .Where(h => response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => response.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
            var pathAndQuery = $"{request.PathBase}{request.Path}{request.QueryString}";
            owner.Queue(new ShadowTrial(module, route, request.Method, pathAndQuery, headers, new Answer(response.StatusCode, compared, capture.Captured, response.ContentType)));
        }
    }
}
