namespace Host.IntegrationTests.Users;

/// <summary>An admin for removals; everything else is an ordinary Host.</summary>
public sealed class SessionHost : HostFactory
{
    public const string AdminId = "session_admin";

    public SessionHost() => With("Modules:Users:Admins:0", AdminId);
}

/// <summary>Refresh tokens, log-out, password change and removal (docs/adr/0039).</summary>
public sealed class SessionTests(SessionHost host) : IClassFixture<SessionHost>
{
    private const string RefreshPath = "/api/users/token/refresh";
    private readonly HttpClient anonymous = host.CreateApiClient();

    [Fact]
    public async Task A_refresh_token_buys_a_working_access_token_and_a_new_refresh_token_and_then_stops_working()
    {
        var (_, session) = await SignedIn();

        using var refreshed = await Refresh(session.Refresh);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync());
        var renewed = await refreshed.Json();
        var access = renewed.GetProperty("accessToken").GetString()!;
        var next = renewed.GetProperty("refreshToken").GetString()!;
        using var me = await host.CreateApiClient(access).GetAsync(Api.MePath);
        using var again = await Refresh(session.Refresh);

        me.StatusCode.Should().Be(HttpStatusCode.OK);
        next.Should().NotBe(session.Refresh);
        await again.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Presenting_a_replaced_refresh_token_again_ends_the_whole_family()
    {
        var (_, session) = await SignedIn();
        using var first = await Refresh(session.Refresh);
        var successor = (await first.Json()).GetProperty("refreshToken").GetString()!;

        // Past the few seconds in which two tabs refreshing at once are forgiven.
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        using var reuse = await Refresh(session.Refresh);
        using var afterReuse = await Refresh(successor);

        await reuse.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await afterReuse.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_and_leaves_other_sessions_alone()
    {
        var (id, session) = await SignedIn();
        var other = await Session(await anonymous.LogIn(id));

        using var loggedOut = await anonymous.PostAsJsonAsync("/api/users/logout", new { refreshToken = session.Refresh });
        using var refused = await Refresh(session.Refresh);
        using var stillOn = await Refresh(other.Refresh);

        loggedOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        stillOn.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_and_starts_a_new_one()
    {
        var (id, session) = await SignedIn();
        const string newPassword = "a brand new passphrase";

        using var changed = await host.CreateApiClient(session.Access).PutAsJsonAsync(
            "/api/users/me/password", new { currentPassword = Api.DefaultPassword, newPassword });
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var fresh = await Session(changed);
        using var oldSession = await Refresh(session.Refresh);
        using var oldPassword = await anonymous.LogIn(id);
        using var newSession = await Refresh(fresh.Refresh);

        await oldSession.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await oldPassword.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        newSession.StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.TokenFor(id, newPassword)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (id, session) = await SignedIn();

        using var refused = await host.CreateApiClient(session.Access).PutAsJsonAsync(
            "/api/users/me/password", new { currentPassword = "not the password", newPassword = "a brand new passphrase" });
        using var stillOn = await Refresh(session.Refresh);

        await refused.ShouldBeProblem(HttpStatusCode.Forbidden, "urn:problem:forbidden");
        stillOn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.TokenFor(id)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_admin_removing_an_account_ends_its_sessions_and_its_log_ins_look_like_a_wrong_password()
    {
        var admin = await Admin();
        var (id, session) = await SignedIn();

        using var removed = await admin.DeleteAsync($"{Api.Users}/{id}");
        using var refresh = await Refresh(session.Refresh);
        using var logIn = await anonymous.LogIn(id);
        using var profile = await anonymous.GetAsync($"{Api.Users}/{id}");
        using var signUpAgain = await anonymous.SignUp(id);

        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await refresh.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        (await logIn.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized))
            .GetProperty("detail").GetString().Should().Be("The id or password is not correct.");
        profile.StatusCode.Should().Be(HttpStatusCode.NotFound);
        signUpAgain.StatusCode.Should().Be(HttpStatusCode.Conflict, "a removed account's id is not given to someone else");
    }

    [Fact]
    public async Task Only_an_admin_may_remove_an_account()
    {
        var (victim, _) = await SignedIn();
        var (_, someone) = await SignedIn();

        using var refused = await host.CreateApiClient(someone.Access).DeleteAsync($"{Api.Users}/{victim}");

        await refused.ShouldBeProblem(HttpStatusCode.Forbidden, "urn:problem:forbidden");
        (await anonymous.TokenFor(victim)).Should().NotBeNullOrEmpty();
    }

    private Task<HttpResponseMessage> Refresh(string refreshToken) =>
        anonymous.PostAsJsonAsync(RefreshPath, new { refreshToken });

    private async Task<(string Id, Tokens Session)> SignedIn()
    {
        var id = await anonymous.SignUpNew();
        return (id, await Session(await anonymous.LogIn(id)));
    }

    private async Task<HttpClient> Admin()
    {
        using var exists = await anonymous.GetAsync($"{Api.Users}/{SessionHost.AdminId}");
        if (exists.StatusCode == HttpStatusCode.NotFound)
        {
            await anonymous.SignUpNew(SessionHost.AdminId);
        }

        return host.CreateApiClient(await anonymous.TokenFor(SessionHost.AdminId));
    }

    private static async Task<Tokens> Session(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.Json();
            return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
        }
    }

    private sealed record Tokens(string Access, string Refresh);
}
