namespace Host.IntegrationTests.Users;

public sealed class GitHubLoginTests(GitHubHost fixture) : IClassFixture<GitHubHost>
{
    private static long nextGitHubId = 9_000_000;

    private static GitHubUser NewGitHubUser(string login, string? name = "The Octocat") =>
        new(Interlocked.Increment(ref nextGitHubId), login, name);

    [Fact]
    public async Task The_providers_endpoint_says_GitHub_is_offered_when_configured()
    {
        using var response = await fixture.Host.CreateApiClient().GetAsync("/api/users/login/providers");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("gitHub").GetBoolean().Should().BeTrue();
        body.GetProperty("password").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Starting_GitHub_sign_in_redirects_to_the_authorize_endpoint_with_client_id_and_callback()
    {
        using var response = await fixture.Host.CreateApiClient(cookies: true).GetAsync("/api/users/login/github");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(fixture.GitHub.AuthorizationEndpoint);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        query["client_id"].Should().Be(FakeGitHub.ClientId);
        query["redirect_uri"].Should().Be(new Uri(fixture.Host.Address, "/api/users/login/github/callback").ToString());
        query["state"].Should().NotBeNullOrEmpty();
        query["scope"].Should().Contain("read:user");
    }

    [Fact]
    public async Task Signing_in_with_GitHub_returns_a_token_that_works_on_me()
    {
        var user = fixture.GitHub.Add(NewGitHubUser("octo" + Interlocked.Increment(ref nextGitHubId), "Mona Lisa Octocat"));

        using var completed = await fixture.SignIn(user);

        completed.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await completed.Json();
        body.GetProperty("tokenType").GetString().Should().Be("Bearer");
        body.GetProperty("user").GetProperty("id").GetString().Should().Be(user.Login);
        var token = body.GetProperty("accessToken").GetString()!;
        using var me = await fixture.Host.CreateApiClient(token).GetAsync(Api.MePath);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        var profile = await me.Json();
        profile.GetProperty("id").GetString().Should().Be(user.Login);
        profile.GetProperty("displayName").GetString().Should().Be("Mona Lisa Octocat");
    }

    [Fact]
    public async Task Signing_in_with_GitHub_a_second_time_returns_the_same_account()
    {
        var user = fixture.GitHub.Add(NewGitHubUser("twice" + Interlocked.Increment(ref nextGitHubId)));

        var first = await fixture.SignInAndGetMe(user);
        var second = await fixture.SignInAndGetMe(user);

        second.Id.Should().Be(first.Id);
        second.Me.GetProperty("createdAt").GetDateTimeOffset().Should().Be(first.Me.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_GitHub_account_keeps_its_user_even_after_renaming_its_login()
    {
        var original = fixture.GitHub.Add(NewGitHubUser("before" + Interlocked.Increment(ref nextGitHubId)));
        var first = await fixture.SignInAndGetMe(original);

        var renamed = fixture.GitHub.Add(original with { Login = "after" + Interlocked.Increment(ref nextGitHubId) });
        var second = await fixture.SignInAndGetMe(renamed);

        second.Id.Should().Be(first.Id, "accounts are linked by GitHub's numeric id, not the login");
    }

    [Fact]
    public async Task A_signed_in_password_user_who_starts_GitHub_sign_in_links_GitHub_to_their_account()
    {
        var (id, token, _) = await fixture.Host.SignedInUser(Api.NewId("linker"));
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("link" + Interlocked.Increment(ref nextGitHubId)));

        var linked = await fixture.SignInAndGetMe(gitHubUser, token);
        linked.Id.Should().Be(id, "GitHub was linked to the signed-in account instead of creating a new one");

        var later = await fixture.SignInAndGetMe(gitHubUser);
        later.Id.Should().Be(id, "later GitHub sign-ins land in the linked account");
        (await fixture.Host.CreateApiClient().TokenFor(id)).Should().NotBeNullOrEmpty("the password still works");
    }

    [Fact]
    public async Task Linking_a_second_GitHub_account_to_an_already_linked_account_returns_409()
    {
        var (_, token, _) = await fixture.Host.SignedInUser(Api.NewId("twolinks"));
        await fixture.SignInAndGetMe(fixture.GitHub.Add(NewGitHubUser("first" + Interlocked.Increment(ref nextGitHubId))), token);

        using var response = await fixture.SignIn(fixture.GitHub.Add(NewGitHubUser("second" + Interlocked.Increment(ref nextGitHubId))), token);

        await response.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }

    [Fact]
    public async Task Linking_a_GitHub_account_that_is_already_linked_to_another_account_returns_409_and_changes_nothing()
    {
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("owned" + Interlocked.Increment(ref nextGitHubId)));
        var owner = await fixture.SignInAndGetMe(gitHubUser);
        var (id, token, _) = await fixture.Host.SignedInUser(Api.NewId("latecomer"));

        using var response = await fixture.SignIn(gitHubUser, token);

        var problem = await response.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        problem.TryGetProperty("accessToken", out _).Should().BeFalse("no token for the other account may leak");
        (await fixture.SignInAndGetMe(gitHubUser)).Id.Should().Be(owner.Id, "the GitHub account stays with its owner");
        var other = fixture.GitHub.Add(NewGitHubUser("spare" + Interlocked.Increment(ref nextGitHubId)));
        (await fixture.SignInAndGetMe(other, token)).Id.Should().Be(id, "the refused link left the signed-in account free to link");
    }

    [Fact]
    public async Task Starting_GitHub_sign_in_again_while_signed_in_to_the_account_it_is_linked_to_returns_that_account()
    {
        var (id, token, _) = await fixture.Host.SignedInUser(Api.NewId("relinker"));
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("relink" + Interlocked.Increment(ref nextGitHubId)));
        await fixture.SignInAndGetMe(gitHubUser, token);

        var again = await fixture.SignInAndGetMe(gitHubUser, token);

        again.Id.Should().Be(id);
    }

    [Fact]
    public async Task A_first_GitHub_sign_in_publishes_UserRegistered_once_and_later_sign_ins_publish_nothing()
    {
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("announce" + Interlocked.Increment(ref nextGitHubId), "Announced Octocat"));

        var first = await fixture.SignInAndGetMe(gitHubUser);
        await fixture.SignInAndGetMe(gitHubUser);
        await fixture.Host.EventsDelivered();

        var registered = fixture.Registrations.All.Should().ContainSingle(r => r.UserId == first.Id).Subject;
        registered.DisplayName.Should().Be("Announced Octocat");
        registered.RegisteredAt.Should().Be(first.Me.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Linking_GitHub_to_a_password_account_publishes_no_second_UserRegistered()
    {
        var (id, token, _) = await fixture.Host.SignedInUser(Api.NewId("announced_link"));
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("announcelink" + Interlocked.Increment(ref nextGitHubId)));

        await fixture.SignInAndGetMe(gitHubUser, token);
        await fixture.Host.EventsDelivered();

        fixture.Registrations.All.Should().ContainSingle(r => r.UserId == id, "signing up announced the account; linking adds none")
            .Which.DisplayName.Should().Be(Api.DefaultDisplayName);
    }

    [Fact]
    public async Task A_GitHub_login_that_is_a_taken_id_gets_a_numbered_id()
    {
        var taken = await fixture.Host.CreateApiClient().SignUpNew(Api.NewId("taken"));
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser(taken.ToUpperInvariant()));

        var signedIn = await fixture.SignInAndGetMe(gitHubUser);

        signedIn.Id.Should().Be(taken.ToUpperInvariant() + "_1");
    }

    [Fact]
    public async Task A_GitHub_login_with_characters_ids_do_not_allow_becomes_a_valid_id()
    {
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("mona-" + Interlocked.Increment(ref nextGitHubId)));

        var signedIn = await fixture.SignInAndGetMe(gitHubUser);

        signedIn.Id.Should().Be(gitHubUser.Login.Replace('-', '_'));
    }

    [Fact]
    public async Task A_GitHub_account_without_a_name_uses_the_login_as_display_name()
    {
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("noname" + Interlocked.Increment(ref nextGitHubId), name: null));

        var signedIn = await fixture.SignInAndGetMe(gitHubUser);

        signedIn.Me.GetProperty("displayName").GetString().Should().Be(gitHubUser.Login);
    }

    [Fact]
    public async Task A_GitHub_only_account_cannot_log_in_with_a_password()
    {
        var gitHubUser = fixture.GitHub.Add(NewGitHubUser("nopass" + Interlocked.Increment(ref nextGitHubId)));
        var signedIn = await fixture.SignInAndGetMe(gitHubUser);

        using var response = await fixture.Host.CreateApiClient().LogIn(signedIn.Id, "any password at all");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task Completing_without_having_signed_in_at_GitHub_returns_401()
    {
        using var response = await fixture.Host.CreateApiClient(cookies: true).GetAsync("/api/users/login/github/complete");

        await response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_is_refused_with_a_4xx_problem()
    {
        using var response = await fixture.Host.CreateApiClient(cookies: true)
            .GetAsync("/api/users/login/github/callback?code=whatever&state=forged");

        ((int)response.StatusCode).Should().BeInRange(400, 499, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Declining_at_GitHub_is_answered_with_a_4xx_problem()
    {
        var user = fixture.GitHub.Add(NewGitHubUser("decline" + Interlocked.Increment(ref nextGitHubId)));
        var browser = fixture.Host.CreateApiClient(cookies: true);
        using var started = await browser.GetAsync("/api/users/login/github");
        using var declined = await browser.GetAsync(FakeGitHub.Decline(started.Headers.Location!, user));
        declined.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var response = await browser.GetAsync(declined.Headers.Location!);

        ((int)response.StatusCode).Should().BeInRange(400, 499, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_callback_replayed_after_the_sign_in_completed_is_refused_with_a_4xx_problem()
    {
        var user = fixture.GitHub.Add(NewGitHubUser("replay" + Interlocked.Increment(ref nextGitHubId)));
        var browser = fixture.Host.CreateApiClient(cookies: true);
        using var started = await browser.GetAsync("/api/users/login/github");
        using var authorized = await browser.GetAsync(FakeGitHub.LoginAs(started.Headers.Location!, user));
        var callback = authorized.Headers.Location!;
        using var first = await browser.GetAsync(callback);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var replayed = await browser.GetAsync(callback);

        ((int)replayed.StatusCode).Should().BeInRange(400, 499, await replayed.Content.ReadAsStringAsync());
        replayed.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }
}

public sealed class GitHubNotConfiguredTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_providers_endpoint_says_GitHub_is_not_offered()
    {
        using var response = await host.CreateApiClient().GetAsync("/api/users/login/providers");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Json();
        body.GetProperty("gitHub").GetBoolean().Should().BeFalse();
        body.GetProperty("password").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("/api/users/login/github")]
    [InlineData("/api/users/login/github/callback?code=x&state=y")]
    [InlineData("/api/users/login/github/complete")]
    public async Task GitHub_sign_in_paths_are_404_problems(string path)
    {
        using var response = await host.CreateApiClient().GetAsync(path);

        await response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
