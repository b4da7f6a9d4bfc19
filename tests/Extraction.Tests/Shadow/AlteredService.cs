using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Extraction.Tests.Shadow;

/// <summary>
/// A different build of an extracted service, as far as its clients can tell: it passes every request to the real
/// service and passes the answer back, except that on the requests <c>alters</c> picks it changes one JSON field.
/// Readiness, database identity and every other route answer exactly as the service does.
/// </summary>
internal sealed class AlteredService : IAsyncDisposable
{
    private static readonly HashSet<string> NotCopied = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Content-Length", "Connection" };

    private readonly WebApplication app;
    private readonly HttpClient client;

    private AlteredService(WebApplication app, HttpClient client, Uri url)
    {
        this.app = app;
        this.client = client;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<AlteredService> Start(Uri service, Func<HttpRequest, bool> alters, string field)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = service };
        app.Run(async context =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                request.Content = new StreamContent(context.Request.Body);
            }

            foreach (var (name, values) in context.Request.Headers.Where(h => !NotCopied.Contains(h.Key)))
            {
                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            using var response = await client.SendAsync(request, context.RequestAborted);
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            if (alters(context.Request) && response.Content.Headers.ContentType?.MediaType == "application/json"
                && JsonNode.Parse(body) is JsonObject json && json[field] is { } value)
            {
                json[field] = value.GetValue<string>() + " (changed)";
                body = JsonSerializer.SerializeToUtf8Bytes(json);
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !NotCopied.Contains(h.Key)))
            {
                context.Response.Headers[name] = values.ToArray();
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        return new AlteredService(app, client, url);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        client.Dispose();
    }
}
