namespace Monolith.Host.WebUi;

/// <summary>The browser front end the Host serves at <c>/</c>: a client of the public HTTP API only.</summary>
internal static class WebUiSetup
{
    // Only the Host's own files run or style a page, and no other site may frame it (clickjacking).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Static files from <c>wwwroot</c> (<c>/</c> is <c>index.html</c>) and the session endpoints. Mapped after
    /// routing, so an API route always wins over a file of the same name.
    /// </summary>
    public static WebApplication MapWebUi(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidated on every load (ETag), so a new version of a script is never mixed with an old one.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
            },
        });
        app.MapSession();
        app.MapGitHubHandoff();
        return app;
    }
}
