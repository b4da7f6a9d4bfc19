using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Scenarios;

/// <summary>
/// The journey every deployment must support, against any address that serves the UI and the public API: the Host
/// itself, or a front door with modules extracted behind it.
/// </summary>
public static class SignUpAndPost
{
    public const string Password = "correct horse battery";

    /// <summary>
    /// Sign up → log in → post → see the tweet on the home timeline → reload, still logged in → log out, after
    /// which the home page asks to log in again.
    /// </summary>
    public static async Task RunAsync(IPage page, Uri baseAddress, string userId, string tweet)
    {
        await page.GotoAsync(baseAddress.ToString());
        await Expect(Ui.Heading(page, "Log in")).ToBeVisibleAsync();

        await Ui.MainContent(page).GetByRole(AriaRole.Link, new() { Name = "Sign up", Exact = true }).ClickAsync();
        await Expect(Ui.Heading(page, "Sign up")).ToBeVisibleAsync();
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByLabel("Display name").FillAsync($"Browser {userId}");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(Ui.Heading(page, "Log in")).ToBeVisibleAsync();
        await Expect(page.GetByText("Your account is ready")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("User id")).ToHaveValueAsync(userId);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Expect(Ui.Heading(page, "Home")).ToBeVisibleAsync();
        await Ui.PostAsync(page, tweet);

        await page.ReloadAsync();
        await Expect(Ui.Heading(page, "Home")).ToBeVisibleAsync();
        await Expect(Ui.HomeTimeline(page).GetByText(tweet)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Log out {userId}" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Log out {userId}" }).ClickAsync();
        await Expect(Ui.Heading(page, "Log in")).ToBeVisibleAsync();
        await Expect(page.GetByText("You have logged out.")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(baseAddress, "/#/home").ToString());
        await page.ReloadAsync();
        await Expect(Ui.Heading(page, "Log in")).ToBeVisibleAsync();
    }
}
