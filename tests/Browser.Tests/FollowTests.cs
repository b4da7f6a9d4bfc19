using System.Net;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FollowTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Following_someone_puts_their_tweet_on_the_home_timeline_and_unfollowing_takes_it_off()
    {
        var (author, _, authorClient) = await Fixture.Host.SignedInUser(Api.NewId("author"));
        const string tweet = "Tweeted by someone you are about to follow";
        using (var posted = await authorClient.PostAsJsonAsync("/api/tweets", new { text = tweet }))
        {
            posted.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var (reader, _, _) = await Fixture.Host.SignedInUser(Api.NewId("reader"));
        await Ui.LogInAsync(Page, Address, reader, Api.DefaultPassword);
        await Expect(Ui.HomeTimeline(Page)).Not.ToContainTextAsync(tweet);

        await OpenAsync($"/users/{author}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Follow Test User", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow Test User", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.Locator(".stats")).ToContainTextAsync("Followers1");
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Tweets by Test User" })).ToContainTextAsync(tweet);
        await Screenshots.SaveAsync(Page, "user");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true }).ClickAsync();
        await Expect(Ui.HomeTimeline(Page).GetByText(tweet)).ToBeVisibleAsync();

        await OpenAsync($"/users/{author}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Unfollow Test User", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Follow Test User", Exact = true })).ToBeVisibleAsync();
        await OpenAsync("/home");
        await Expect(Ui.HomeTimeline(Page)).Not.ToContainTextAsync(tweet);
    }

    [Fact]
    public async Task Your_own_page_offers_no_follow_button()
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId("self"));
        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();

        await Expect(Page.Locator(".stats")).ToContainTextAsync("Tweets0");
        await Expect(Page.Locator("button.follow")).ToBeHiddenAsync();
    }
}
