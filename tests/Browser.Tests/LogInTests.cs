using Browser.Tests.Scenarios;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LogInTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Signing_up_logging_in_and_posting_shows_the_tweet_on_home_which_survives_a_reload_until_log_out() =>
        await SignUpAndPost.RunAsync(Page, Address, Api.NewId("journey"), "My first tweet, from a real browser");

    [Fact]
    public async Task The_session_lives_in_an_HttpOnly_SameSite_Strict_cookie_that_page_scripts_cannot_read()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("cookie"));

        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);

        var cookies = await Page.Context.CookiesAsync();
        cookies.Should().ContainSingle(c => c.Name == "monolith_session")
            .Which.Should().Match<BrowserContextCookiesResult>(c => c.HttpOnly && c.SameSite == SameSiteAttribute.Strict && c.Path == "/");
        (await Page.EvaluateAsync<string>("document.cookie")).Should().NotContain("monolith_session");
        (await Page.EvaluateAsync<int>("localStorage.length + sessionStorage.length")).Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_servers_message_and_stays_on_the_log_in_page()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("wrong"));
        await OpenAsync("/login");

        await Page.GetByLabel("User id").FillAsync(id);
        await Page.GetByLabel("Password").FillAsync("not the password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The id or password is not correct.");
        await Expect(Ui.Heading(Page, "Log in")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Password")).ToBeEmptyAsync();
        await Screenshots.SaveAsync(Page, "login-wrong-password");
    }

    [Fact]
    public async Task Sign_up_errors_appear_beside_their_fields_not_as_raw_JSON()
    {
        await OpenAsync("/signup");

        await Page.GetByLabel("User id").FillAsync("x");
        await Page.GetByLabel("Display name").FillAsync("Somebody");
        await Page.GetByLabel("Password").FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(Page.GetByLabel("User id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#signup-id-error")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("#signup-password-error")).Not.ToBeEmptyAsync();
        await Expect(Page.GetByLabel("Display name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Ui.MainContent(Page)).Not.ToContainTextAsync("{");
    }

    [Fact]
    public async Task Logging_in_works_with_the_keyboard_alone()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("keys"));
        await OpenAsync("/login");

        await Page.GetByLabel("User id").FocusAsync();
        await Page.Keyboard.TypeAsync(id);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Api.DefaultPassword);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Ui.Heading(Page, "Home")).ToBeVisibleAsync();
        await Expect(Ui.Heading(Page, "Home")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Sign_in_with_GitHub_is_offered_only_when_the_server_is_configured_for_it()
    {
        // The page asks the Users API which ways to log in it offers; the answer must be in before judging.
        await Page.RunAndWaitForResponseAsync(() => OpenAsync("/login"), "**/api/users/login/providers");
        await Screenshots.SaveAsync(Page, "login");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with GitHub" })).ToBeHiddenAsync();

        await using var gitHubHost = new HostFactory()
            .With("Modules:Users:GitHub:ClientId", "client")
            .With("Modules:Users:GitHub:ClientSecret", "secret");
        await Ui.OpenAsync(Page, gitHubHost.Address, "/login");

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with GitHub" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_with_GitHub_ends_on_the_home_page_with_a_session()
    {
        var gitHub = new GitHubHost();
        await gitHub.InitializeAsync();
        try
        {
            var user = gitHub.GitHub.Add(new GitHubUser(90210, "octo_browser", "Octo Browser"));
            await Ui.OpenAsync(Page, gitHub.Host.Address, "/login");

            await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with GitHub" }).ClickAsync();
            await Page.WaitForURLAsync("**/authorize?**");
            // What a person does on GitHub's page: sign in as themselves and authorise the app.
            await Page.GotoAsync(FakeGitHub.LoginAs(new Uri(Page.Url), user).ToString());

            await Expect(Ui.Heading(Page, "Home")).ToBeVisibleAsync();
            await Expect(Page.GetByText("Signed in as Octo Browser")).ToBeVisibleAsync();
            (await Page.Context.CookiesAsync()).Should().Contain(c => c.Name == "monolith_session" && c.HttpOnly);
        }
        finally
        {
            await gitHub.DisposeAsync();
        }
    }
}
