using static Microsoft.Playwright.Assertions;

namespace Browser.Tests.Infrastructure;

/// <summary>What a person does in the UI, named as they would say it; every step waits for the page to show its result.</summary>
public static class Ui
{
    public static async Task OpenAsync(IPage page, Uri baseAddress, string route)
    {
        await page.GotoAsync(new Uri(baseAddress, "/#" + route).ToString());
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        // Failing here, rather than when the test ends, names the page that showed it in the stack trace.
        await StrayValues.ShouldHaveNoneAsync(page);
    }

    public static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    public static ILocator MainContent(IPage page) => page.GetByRole(AriaRole.Main);

    /// <summary>Logs in through the form and waits for the home page.</summary>
    public static async Task LogInAsync(IPage page, Uri baseAddress, string id, string password)
    {
        await OpenAsync(page, baseAddress, "/login");
        await page.GetByLabel("User id").FillAsync(id);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Home")).ToBeVisibleAsync();
    }

    /// <summary>Writes a tweet in the compose box, posts it and waits until the timeline shows it.</summary>
    public static async Task PostAsync(IPage page, string text)
    {
        await page.GetByLabel("What is happening?").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(HomeTimeline(page).GetByText(text)).ToBeVisibleAsync();
    }

    public static ILocator HomeTimeline(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Your home timeline" });
}
