using static Microsoft.Playwright.Assertions;

namespace Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ResponsiveTests(BrowserFixture fixture) : IAsyncLifetime
{
    private IPage phone = null!;

    public async Task InitializeAsync() => phone = await fixture.NewPageAsync(Viewports.Phone);

    public async Task DisposeAsync() => await fixture.ClosePageAsync(phone);

    [Fact]
    public async Task At_phone_width_the_main_pages_fit_the_screen_without_sideways_scrolling()
    {
        await fixture.AdminAsync();
        await Ui.LogInAsync(phone, fixture.Host.Address, BrowserFixture.AdminId, Api.DefaultPassword);
        await Ui.PostAsync(phone, "Checking the layout on a phone-sized screen, with a long word: Donaudampfschifffahrtsgesellschaftskapitän");

        foreach (var (route, heading, name) in new[]
        {
            ("/home", "Home", "phone-home"),
            ($"/users/{BrowserFixture.AdminId}", "Test User", "phone-user"),
            ("/users", "People", "phone-people"),
            ("/ops", "Operations", "phone-ops"),
        })
        {
            await Ui.OpenAsync(phone, fixture.Host.Address, route);
            await Expect(Ui.Heading(phone, heading)).ToBeVisibleAsync();
            var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
            overflow.Should().BeLessOrEqualTo(0, $"{route} must fit {Viewports.Phone.Width} CSS pixels");
            await Screenshots.SaveAsync(phone, name);
        }

        await phone.SetViewportSizeAsync(Viewports.Desktop.Width, Viewports.Desktop.Height);
        await Ui.OpenAsync(phone, fixture.Host.Address, "/home");
        await Screenshots.SaveAsync(phone, "home");
    }
}
