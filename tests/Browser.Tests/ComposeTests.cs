using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ComposeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private ILocator PostButton => Page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true });

    private ILocator Count => Page.Locator("#compose-count");

    [Fact]
    public async Task An_over_long_tweet_cannot_be_sent()
    {
        var id = await SignedInAtHome("long");

        await Page.GetByLabel("What is happening?").FillAsync(new string('a', 281));

        await Expect(Count).ToHaveTextAsync("281 / 280 characters: 1 too many");
        await Expect(PostButton).ToBeDisabledAsync();
        await Page.GetByLabel("What is happening?").PressAsync("Control+Enter");
        await Page.GetByLabel("What is happening?").PressAsync("Backspace");
        await Expect(Count).ToHaveTextAsync("280 / 280 characters");
        await Expect(PostButton).ToBeEnabledAsync();
        (await TweetCount(id)).Should().Be(0, "neither the disabled button nor the keyboard shortcut sends an over-long tweet");
    }

    [Fact]
    public async Task Emoji_count_as_one_character_each_as_the_API_counts_them()
    {
        var id = await SignedInAtHome("emoji");
        var text = string.Concat(Enumerable.Repeat("👍🏽", 280));

        await Page.GetByLabel("What is happening?").FillAsync(text);

        await Expect(Count).ToHaveTextAsync("280 / 280 characters");
        await PostButton.ClickAsync();
        await Expect(Ui.HomeTimeline(Page).GetByText(text)).ToBeVisibleAsync();
        (await TweetCount(id)).Should().Be(1, "the API accepts what the count allowed");
    }

    [Fact]
    public async Task Only_spaces_cannot_be_sent()
    {
        await SignedInAtHome("blank");

        await Page.GetByLabel("What is happening?").FillAsync("   \n  ");

        await Expect(Count).ToHaveTextAsync("0 / 280 characters");
        await Expect(PostButton).ToBeDisabledAsync();
    }

    [Fact]
    public async Task A_post_whose_answer_was_lost_is_sent_again_with_the_same_key_and_stored_once()
    {
        var id = await SignedInAtHome("lost");
        var keys = new List<string?>();
        await Page.RouteAsync("**/api/tweets", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            keys.Add(await route.Request.HeaderValueAsync("idempotency-key"));
            if (keys.Count == 1)
            {
                // The server stores the tweet, but its answer never reaches the page: a dropped connection.
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });

        await Page.GetByLabel("What is happening?").FillAsync("Sent through a flaky network");
        await PostButton.ClickAsync();

        await Expect(Ui.HomeTimeline(Page).GetByText("Sent through a flaky network")).ToBeVisibleAsync();
        keys.Should().HaveCount(2).And.OnlyContain(k => !string.IsNullOrEmpty(k));
        keys.Distinct().Should().ContainSingle("the repeat carries the key of the first try");
        (await TweetCount(id)).Should().Be(1, "the server ran the keyed request once");
    }

    private async Task<string> SignedInAtHome(string prefix)
    {
        var (id, _, _) = await Fixture.Host.SignedInUser(Api.NewId(prefix));
        await Ui.LogInAsync(Page, Address, id, Api.DefaultPassword);
        return id;
    }

    private async Task<int> TweetCount(string id)
    {
        var stats = await Fixture.Host.CreateApiClient().GetFromJsonAsync<JsonElement>($"/api/tweets/users/{id}/stats");
        return stats.GetProperty("tweets").GetInt32();
    }
}
