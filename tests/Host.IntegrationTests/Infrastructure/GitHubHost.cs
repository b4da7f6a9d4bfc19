using Users.Contracts;

namespace Host.IntegrationTests.Infrastructure;

/// <summary>The Host configured against a fake GitHub running on loopback.</summary>
public sealed class GitHubHost : IAsyncLifetime
{
    public FakeGitHub GitHub { get; private set; } = null!;

    public HostFactory Host { get; private set; } = null!;

    /// <summary>Every <see cref="UserRegistered"/> the Host has dispatched; wait for <see cref="HostFactory.EventsDelivered"/> before reading it.</summary>
    public PublishedNotifications<UserRegistered> Registrations { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        GitHub = await FakeGitHub.StartAsync();
        Host = new HostFactory()
            .With("Modules:Users:GitHub:ClientId", FakeGitHub.ClientId)
            .With("Modules:Users:GitHub:ClientSecret", FakeGitHub.ClientSecret)
            .With("Modules:Users:GitHub:AuthorizationEndpoint", GitHub.AuthorizationEndpoint)
            .With("Modules:Users:GitHub:TokenEndpoint", GitHub.TokenEndpoint)
            .With("Modules:Users:GitHub:UserInformationEndpoint", GitHub.UserInformationEndpoint);
        Registrations = Host.Record<UserRegistered>();
        _ = Host.Address;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await GitHub.DisposeAsync();
    }

    /// <summary>
    /// Walks the browser's path through the flow — start, GitHub's authorize page, the callback, the completion
    /// endpoint — with a client that keeps cookies and follows no redirect by itself.
    /// </summary>
    public async Task<HttpResponseMessage> SignIn(GitHubUser user, string? bearerToken = null)
    {
        var browser = Host.CreateApiClient(cookies: true);

        using var start = new HttpRequestMessage(HttpMethod.Get, "/api/users/login/github");
        if (bearerToken is not null)
        {
            start.Headers.Authorization = new("Bearer", bearerToken);
        }

        using var started = await browser.SendAsync(start);
        started.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authorize = started.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).Should().Be(GitHub.AuthorizationEndpoint);

        using var authorized = await browser.GetAsync(FakeGitHub.LoginAs(authorize, user));
        authorized.StatusCode.Should().Be(HttpStatusCode.Redirect, await authorized.Content.ReadAsStringAsync());
        var callback = authorized.Headers.Location!;
        callback.AbsolutePath.Should().Be("/api/users/login/github/callback");

        using var calledBack = await browser.GetAsync(callback);
        calledBack.StatusCode.Should().Be(HttpStatusCode.Redirect, await calledBack.Content.ReadAsStringAsync());
        var complete = new Uri(Host.Address, calledBack.Headers.Location!);
        complete.AbsolutePath.Should().Be("/api/users/login/github/complete");

        return await browser.GetAsync(complete);
    }

    /// <summary>Signs in and returns the issued token and the id of the account it belongs to (as /me reports it).</summary>
    public async Task<(string Token, string Id, JsonElement Me)> SignInAndGetMe(GitHubUser user, string? bearerToken = null)
    {
        using var completed = await SignIn(user, bearerToken);
        var body = await completed.Content.ReadAsStringAsync();
        completed.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;

        using var me = await Host.CreateApiClient(token).GetAsync(Api.MePath);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = await me.Json();
        return (token, profile.GetProperty("id").GetString()!, profile);
    }
}
