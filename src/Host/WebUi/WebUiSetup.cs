namespace Monolith.Host.WebUi;

/// <summary>The browser front end the Host serves at <c>/</c>: a client of the public HTTP API only.</summary>
internal static class WebUiSetup
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapWebUi(this WebApplication app) => app;
}
