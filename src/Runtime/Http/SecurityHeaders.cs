using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ModuleRuntime.Http;

/// <summary>
/// Headers every answer carries, the API's JSON and problem bodies as much as the web UI's files: no content sniffing,
/// no framing by another site, no referrer sent on. A header already set (the web UI's full Content-Security-Policy)
/// is left as it is. Outside Development, https answers also carry HSTS.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((http, next) =>
        {
            http.Response.OnStarting(AddHeaders, http.Response.Headers);
            return next(http);
        });
        return app;
    }

    // Static, with the headers as its state: no closure to allocate on every request.
    private static Task AddHeaders(object state)
    {
        var headers = (IHeaderDictionary)state;
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("Content-Security-Policy", "frame-ancestors 'none'");
        headers.TryAdd("X-Frame-Options", "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        return Task.CompletedTask;
    }
}
