using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

/// <summary>
/// The access cookie lives as long as its five-minute token; the page renews it from the HttpOnly refresh cookie
/// (docs/adr/0039). Dropping the access cookie stands in for its running out, without waiting or moving a clock.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionRenewalTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_refresh_token_lives_in_an_HttpOnly_cookie_that_only_the_session_endpoints_receive()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("refresh"));

        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);

        (await Page.Context.CookiesAsync()).Should().ContainSingle(c => c.Name == "monolith_refresh")
            .Which.Should().Match<BrowserContextCookiesResult>(c => c.HttpOnly && c.SameSite == SameSiteAttribute.Strict && c.Path == "/ui/session");
        (await Page.EvaluateAsync<string>("document.cookie")).Should().NotContain("monolith_refresh");
    }

    [Fact]
    public async Task A_page_whose_access_cookie_ran_out_renews_it_without_the_user_noticing()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("renew"));
        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);

        await Page.Context.ClearCookiesAsync(new() { Name = "monolith_session" });
        await Ui.PostAsync(Page, "Posted after the access token ran out");

        (await Page.Context.CookiesAsync()).Should().Contain(c => c.Name == "monolith_session", "the renewal set a new access cookie");
        await Page.Context.ClearCookiesAsync(new() { Name = "monolith_session" });
        await Page.ReloadAsync();
        await Expect(Ui.Heading(Page, "Home")).ToBeVisibleAsync();
        await Expect(Ui.HomeTimeline(Page).GetByText("Posted after the access token ran out")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task After_log_out_a_reload_shows_the_log_in_page_because_the_refresh_token_was_ended()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("ended"));
        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);
        var refresh = (await Page.Context.CookiesAsync()).Single(c => c.Name == "monolith_refresh");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(Ui.Heading(Page, "Log in")).ToBeVisibleAsync();
        // Put the old refresh cookie back, as someone who copied it would: the server has ended it.
        await Page.Context.AddCookiesAsync([new() { Name = refresh.Name, Value = refresh.Value, Domain = refresh.Domain, Path = refresh.Path, HttpOnly = true, SameSite = SameSiteAttribute.Strict }]);
        await Ui.OpenAsync(Page, Address, "/home");

        await Expect(Ui.Heading(Page, "Log in")).ToBeVisibleAsync();
    }
}
