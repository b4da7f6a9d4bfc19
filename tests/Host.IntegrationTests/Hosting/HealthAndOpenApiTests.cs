using Microsoft.AspNetCore.Hosting;

namespace Host.IntegrationTests.Hosting;

public sealed class HealthAndOpenApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    private readonly HttpClient client = host.CreateApiClient();

    [Fact]
    public async Task Live_answers_healthy()
    {
        using var response = await client.GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        (await response.Json()).GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_lists_the_users_database_as_healthy()
    {
        using var response = await client.GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("status").GetString().Should().Be("Healthy");
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks.Should().ContainKey("users-db").WhoseValue.Should().Be("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_in_Development_and_describes_the_users_API()
    {
        using var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = await response.Json();
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/users", "/api/users/login", "/api/users/me", "/api/users/{id}"]);
        document.GetProperty("paths").GetProperty("/api/users").GetProperty("post").GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).Should().Contain(["201", "400", "409"]);
    }

    [Fact]
    public async Task Swagger_UI_is_served_in_Development()
    {
        using var response = await client.GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("swagger-ui");
        using var script = await client.GetAsync("/swagger/index.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        (await script.Content.ReadAsStringAsync()).Should().Contain("/openapi/v1.json", "the UI shows the document the Host serves");
    }

    [Fact]
    public async Task The_root_serves_the_web_UI_in_Development()
    {
        using var response = await client.GetAsync("/");

        await ShouldBeTheWebUi(response);
    }

    /// <summary>The UI's page, with the headers that keep other sites' scripts and frames away from it.</summary>
    internal static async Task ShouldBeTheWebUi(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<script type=\"module\" src=\"/js/app.js\">");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }
}

public sealed class ProductionEnvironmentTests
{
    [Fact]
    public async Task The_OpenAPI_document_is_not_served_outside_Development()
    {
        await using var host = new ProductionHost();

        using var response = await host.CreateApiClient().GetAsync("/openapi/v1.json");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Swagger_UI_is_not_served_outside_Development()
    {
        await using var host = new ProductionHost();

        using var response = await host.CreateApiClient().GetAsync("/swagger/index.html");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task The_root_serves_the_web_UI_outside_Development_too()
    {
        await using var host = new ProductionHost();

        using var response = await host.CreateApiClient().GetAsync("/");

        await HealthAndOpenApiTests.ShouldBeTheWebUi(response);
    }

    private sealed class ProductionHost : HostFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
