namespace Browser.Tests.Infrastructure;

/// <summary>A test with its own desktop-sized page in a fresh browser context, closed afterwards.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture Fixture => fixture;

    protected IPage Page { get; private set; } = null!;

    protected Uri Address => fixture.Host.Address;

    public async Task InitializeAsync() => Page = await fixture.NewPageAsync(Viewports.Desktop);

    public async Task DisposeAsync() => await fixture.ClosePageAsync(Page);

    /// <summary>Opens a route of the UI, for example <c>/users/alice</c>.</summary>
    protected async Task OpenAsync(string route) => await Ui.OpenAsync(Page, Address, route);
}
