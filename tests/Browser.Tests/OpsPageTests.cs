using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OpsPageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string ModulesPath = "**/api/ops/modules";

    [Fact]
    public async Task The_operations_page_draws_the_log_analytics_as_charts_with_data()
    {
        await RequestsAreLogged();
        // The busiest path the API reports: the shared Host's other tests decide which paths make the top eight.
        var busiest = await BusiestPath();
        await LogInAsAdmin();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();

        await Expect(Ui.Heading(Page, "Operations")).ToBeVisibleAsync();
        await Expect(Chart("requests-per-minute").Locator("rect.bar").First).ToBeVisibleAsync();
        await Expect(Chart("latency-by-module").Locator("svg")).ToContainTextAsync("Users");
        await Expect(Chart("latency-by-module").Locator("rect.bar")).Not.ToHaveCountAsync(0);
        // Labels are cut at 48 characters; the start of the path is always drawn.
        await Expect(Chart("top-paths").Locator("svg")).ToContainTextAsync(busiest[..Math.Min(busiest.Length, 40)]);
        await Expect(Chart("error-rate")).ToContainTextAsync("server errors of");
        await Expect(Chart("error-rate").Locator("rect.bar.part-client")).ToHaveCountAsync(1);
        foreach (var module in new[] { "Users", "Tweets", "Logging" })
        {
            await Expect(Page.Locator($"[data-module='{module}']")).ToBeVisibleAsync();
        }

        await Screenshots.SaveAsync(Page, "ops");
    }

    [Fact]
    public async Task The_module_map_shows_extracted_instances_their_health_and_the_canary_share_as_reported()
    {
        await Page.RouteAsync(ModulesPath, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = """
                {"modules":[
                  {"name":"Users","mode":"InProcess","hosted":true,"fallback":false,"canaryPercent":0,"destinations":[],
                   "traffic":{"local":{"requests":40,"errors":0},"remote":{"requests":0,"errors":0}}},
                  {"name":"Tweets","mode":"Remote","hosted":true,"fallback":true,"canaryPercent":25,
                   "destinations":[{"address":"http://127.0.0.1:5202","health":"Healthy"},{"address":"http://127.0.0.1:5203","health":"Unhealthy"}],
                   "traffic":{"local":{"requests":30,"errors":0},"remote":{"requests":10,"errors":1}}}]}
                """,
        }));
        await LogInAsAdmin();

        await OpenAsync("/ops");

        var tweets = Page.Locator("[data-module='Tweets']");
        await Expect(tweets).ToContainTextAsync("Remote");
        await Expect(tweets).ToContainTextAsync("25% of requests to remote instances");
        await Expect(tweets.GetByRole(AriaRole.List, new() { Name = "Instances of Tweets" }).Locator("li")).ToHaveTextAsync(
            ["Healthy http://127.0.0.1:5202", "Unhealthy http://127.0.0.1:5203"]);
        await Expect(tweets.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "Traffic of Tweets: 30 requests in-process (0 errors), 10 remote (1 errors).");
        await Expect(Page.Locator("[data-module='Users']")).ToContainTextAsync("In-process");
        await Expect(Page.Locator("[data-module]")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".module-map")).Not.ToContainTextAsync("answered 404");
    }

    [Fact]
    public async Task Each_instance_shows_where_it_was_found_its_version_database_and_lease_age()
    {
        await Page.RouteAsync(ModulesPath, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = """
                {"modules":[
                  {"name":"Tweets","mode":"Remote","hosted":true,"fallback":true,"canaryPercent":0,
                   "destinations":[
                     {"address":"http://127.0.0.1:5202","health":"Healthy","sources":["configured","registered"],"version":"1.4.0","databaseId":"5f0c","leaseAgeSeconds":0.46},
                     {"address":"http://127.0.0.1:5203","health":"Unknown","reason":"not probed yet","sources":["DNS"]}],
                   "traffic":{"local":{"requests":0,"errors":0},"remote":{"requests":10,"errors":0}}}]}
                """,
        }));
        await LogInAsAdmin();

        await OpenAsync("/ops");

        await Expect(Page.Locator("[data-module='Tweets']").GetByRole(AriaRole.List, new() { Name = "Instances of Tweets" }).Locator("li")).ToHaveTextAsync(
        [
            "Healthy http://127.0.0.1:5202 configured + registered · version 1.4.0 · database 5f0c · lease renewed 0.5 s ago",
            "Unknown http://127.0.0.1:5203 DNS — not probed yet",
        ]);
    }

    [Fact]
    public async Task Requests_served_in_process_because_no_instance_took_them_are_drawn_as_fallbacks_not_remote_errors()
    {
        await Page.RouteAsync(ModulesPath, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = """
                {"modules":[
                  {"name":"Tweets","mode":"Remote","hosted":true,"fallback":true,"canaryPercent":0,
                   "destinations":[{"address":"http://127.0.0.1:5202","health":"Unhealthy"}],
                   "traffic":{"local":{"requests":0,"errors":0},"remote":{"requests":20,"errors":1},"fallback":{"requests":60,"errors":0}}}]}
                """,
        }));
        await LogInAsAdmin();

        await OpenAsync("/ops");

        var tweets = Page.Locator("[data-module='Tweets']");
        await Expect(tweets.GetByRole(AriaRole.Img)).ToHaveAttributeAsync(
            "aria-label",
            "Traffic of Tweets: 0 requests in-process (0 errors), 20 remote (1 errors), 60 fallback, served in-process as no instance could take them (0 errors).");
        await Expect(tweets.Locator("rect.bar.part-fallback")).ToHaveCountAsync(1);
        await Expect(tweets).ToContainTextAsync("In-process 0 · remote 20 · fallback 60");
    }

    [Fact]
    public async Task Without_a_module_map_endpoint_every_module_is_drawn_in_process_and_the_page_says_so()
    {
        await Page.RouteAsync(ModulesPath, route => route.FulfillAsync(new()
        {
            Status = 404,
            ContentType = "application/problem+json",
            Body = """{"type":"urn:problem:not-found","title":"Not Found","status":404}""",
        }));
        await LogInAsAdmin();

        await OpenAsync("/ops");

        await Expect(Page.Locator(".module-map")).ToContainTextAsync("GET /api/ops/modules answered 404");
        await Expect(Page.Locator("[data-module]")).ToHaveCountAsync(3);
        await Expect(Page.Locator(".module .badge")).ToHaveTextAsync(["In-process", "In-process", "In-process"]);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_is_not_offered_the_operations_page()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("plain"));
        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToHaveCountAsync(0);
        await OpenAsync("/ops");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("for admins");
        await Expect(Page.Locator("[data-chart]")).ToHaveCountAsync(0);
    }

    private ILocator Chart(string id) => Page.Locator($"[data-chart='{id}']");

    private async Task LogInAsAdmin()
    {
        await Fixture.AdminAsync();
        await Ui.LogInAsync(Page, Address, BrowserFixture.AdminId, Api.DefaultPassword);
    }

    /// <summary>
    /// Makes some traffic, a client error among it, and waits until the Host has shipped its request records to the
    /// Logging module (shipping is asynchronous by design; the page shows what has arrived).
    /// </summary>
    private async Task<string> BusiestPath()
    {
        var admin = await Fixture.AdminAsync();
        var top = await admin.GetFromJsonAsync<JsonElement>("/api/logs/top-paths?limit=1");
        return top.GetProperty("paths")[0].GetProperty("path").GetString()!;
    }

    private async Task RequestsAreLogged()
    {
        var admin = await Fixture.AdminAsync();
        using (await Fixture.Host.CreateApiClient().LogIn(BrowserFixture.AdminId, "not the password"))
        {
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var stats = await admin.GetFromJsonAsync<JsonElement>("/api/logs/stats?by=status");
            var statuses = stats.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ToList();
            if (statuses.Contains("401") && statuses.Contains("200"))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The Host's request records never reached the Logging module.");
    }
}
