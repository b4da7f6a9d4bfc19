using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Browser.Tests;

/// <summary>The web UI's session cookie over plain HTTP: what makes it count, and what does not.</summary>
public sealed class SessionCookieTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Cookie = "monolith_session";
    private const string SessionPath = "/ui/session";

    [Fact]
    public async Task Handing_over_a_token_sets_an_HttpOnly_SameSite_Strict_cookie_that_authenticates_reads()
    {
        var (id, token, _) = await host.SignedInUser(Api.NewId("session"));

        var setCookie = await StartSession(token);

        setCookie.Should().StartWith($"{Cookie}={token};").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/")
            .And.Contain("expires=").And.NotContain("secure", "a plain-http loopback request cannot carry a Secure cookie");
        using var me = await WithCookie(HttpMethod.Get, "/api/users/me", token);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        (await me.Json()).GetProperty("id").GetString().Should().Be(id);
    }

    [Fact]
    public async Task The_session_says_whose_it_is_and_which_roles_they_have()
    {
        var (id, token, _) = await host.SignedInUser(Api.NewId("whose"));

        using var response = await WithCookie(HttpMethod.Get, SessionPath, token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var session = await response.Json();
        session.GetProperty("id").GetString().Should().Be(id);
        session.GetProperty("displayName").GetString().Should().Be(Api.DefaultDisplayName);
        session.GetProperty("roles").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_change_sent_with_only_the_cookie_counts_only_with_the_X_Requested_With_header()
    {
        var (_, token, _) = await host.SignedInUser(Api.NewId("csrf"));

        using var forged = await WithCookie(HttpMethod.Post, "/api/tweets", token, JsonContent.Create(new { text = "forged" }));
        await forged.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);

        using var fromThePage = await WithCookie(HttpMethod.Post, "/api/tweets", token, JsonContent.Create(new { text = "from the page" }), csrfHeader: true);
        fromThePage.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_session_cannot_be_started_without_a_valid_bearer_token()
    {
        var client = host.CreateApiClient();

        using var none = await client.PostAsync(SessionPath, null);
        await none.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        none.Headers.Contains("Set-Cookie").Should().BeFalse();

        using var forged = new HttpRequestMessage(HttpMethod.Post, SessionPath);
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        using var refused = await client.SendAsync(forged);
        await refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        refused.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task A_cookie_holding_something_that_is_not_a_valid_token_is_refused_with_401()
    {
        using var response = await WithCookie(HttpMethod.Get, "/api/users/me", "not-a-token");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task The_Authorization_header_wins_over_the_cookie()
    {
        var (_, cookieToken, _) = await host.SignedInUser(Api.NewId("cookie"));
        var (headerId, headerToken, _) = await host.SignedInUser(Api.NewId("header"));

        using var request = Request(HttpMethod.Get, "/api/users/me", cookieToken);
        request.Headers.Authorization = new("Bearer", headerToken);
        using var response = await host.CreateApiClient().SendAsync(request);

        (await response.Json()).GetProperty("id").GetString().Should().Be(headerId);
    }

    [Fact]
    public async Task Logging_out_expires_the_cookie_and_the_refresh_cookie()
    {
        var client = host.CreateApiClient();

        using var response = await client.DeleteAsync(SessionPath);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToList();
        setCookies.Should().ContainSingle(c => c.StartsWith($"{Cookie}=;", StringComparison.Ordinal))
            .Which.Should().Contain("expires=Thu, 01 Jan 1970").And.Contain("path=/");
        setCookies.Should().ContainSingle(c => c.StartsWith("monolith_refresh=;", StringComparison.Ordinal))
            .Which.Should().Contain("expires=Thu, 01 Jan 1970").And.Contain("path=/ui/session");
    }

    private async Task<string> StartSession(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SessionPath);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await host.CreateApiClient().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("expiresAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow);
        return response.Headers.GetValues("Set-Cookie").Single();
    }

    private async Task<HttpResponseMessage> WithCookie(HttpMethod method, string path, string token, HttpContent? body = null, bool csrfHeader = false)
    {
        using var request = Request(method, path, token, body, csrfHeader);
        return await host.CreateApiClient().SendAsync(request);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, HttpContent? body = null, bool csrfHeader = false)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Add("Cookie", $"{Cookie}={token}");
        if (csrfHeader)
        {
            request.Headers.Add("X-Requested-With", "monolith-ui");
        }

        return request;
    }
}
