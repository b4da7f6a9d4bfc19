namespace Host.IntegrationTests.Users;

/// <summary>The web UI's session cookies and their silent renewal through <c>/ui/session/refresh</c> (docs/adr/0039).</summary>
public sealed class UiSessionRenewalTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Starting_a_session_keeps_the_refresh_token_in_an_HttpOnly_cookie_sent_only_to_the_session_endpoints()
    {
        var (_, started) = await StartSession(host.CreateApiClient(cookies: true));

        var refreshCookie = started.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monolith_refresh=", StringComparison.Ordinal));
        refreshCookie.Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/ui/session");
    }

    [Fact]
    public async Task Renewing_with_the_refresh_cookie_gives_a_new_access_cookie_that_works()
    {
        var browser = host.CreateApiClient(cookies: true);
        var (id, _) = await StartSession(browser);

        using var renewed = await Renew(browser);
        using var me = await browser.GetAsync(Api.MePath);

        renewed.StatusCode.Should().Be(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        (await renewed.Json()).GetProperty("id").GetString().Should().Be(id);
        renewed.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("monolith_session=", StringComparison.Ordinal))
            .And.Contain(c => c.StartsWith("monolith_refresh=", StringComparison.Ordinal));
        me.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_renewal_without_the_CSRF_header_is_refused()
    {
        var browser = host.CreateApiClient(cookies: true);
        await StartSession(browser);

        using var refused = await browser.PostAsync("/ui/session/refresh", null);

        await refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task After_logging_out_the_refresh_cookie_no_longer_renews_anything()
    {
        var browser = host.CreateApiClient(cookies: true);
        var (_, started) = await StartSession(browser);
        var refreshToken = started.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monolith_refresh=", StringComparison.Ordinal))
            .Split(';')[0]["monolith_refresh=".Length..];

        using var loggedOut = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/ui/session") { Headers = { { "X-Requested-With", "test" } } });
        using var replayed = await host.CreateApiClient().PostAsJsonAsync("/api/users/token/refresh", new { refreshToken });

        loggedOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await replayed.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    private static Task<HttpResponseMessage> Renew(HttpClient browser) =>
        browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ui/session/refresh") { Headers = { { "X-Requested-With", "test" } } });

    private static async Task<(string Id, HttpResponseMessage Started)> StartSession(HttpClient browser)
    {
        var id = await browser.SignUpNew();
        using var logIn = await browser.LogIn(id);
        var issued = await logIn.Json();
        var start = new HttpRequestMessage(HttpMethod.Post, "/ui/session")
        {
            Content = JsonContent.Create(new
            {
                refreshToken = issued.GetProperty("refreshToken").GetString(),
                refreshTokenExpiresAt = issued.GetProperty("refreshTokenExpiresAt").GetDateTimeOffset(),
            }),
        };
        start.Headers.Authorization = new("Bearer", issued.GetProperty("accessToken").GetString());
        var started = await browser.SendAsync(start);
        started.StatusCode.Should().Be(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        return (id, started);
    }
}
