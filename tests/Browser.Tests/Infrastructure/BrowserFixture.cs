using System.Collections.Concurrent;

namespace Browser.Tests.Infrastructure;

/// <summary>
/// One headless Chromium and one Host on real Kestrel for every browser test: starting them once keeps the suite
/// fast. Tests stay apart by using a fresh browser context (its own cookies) and their own user ids.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The user id the Host treats as an admin (<c>Modules:Users:Admins</c>); nobody else signs up with it.</summary>
    public const string AdminId = "ops_admin";

    private readonly SemaphoreSlim adminGate = new(1, 1);
    private readonly ConcurrentQueue<IBrowserContext> contexts = new();
    private IPlaywright? playwright;
    private HttpClient? admin;

    public IBrowser Browser { get; private set; } = null!;

    public HostFactory Host { get; } = new HostFactory().With("Modules:Users:Admins:0", AdminId);

    public async Task InitializeAsync()
    {
        var browserReady = LaunchAsync();
        _ = Host.Address;
        Browser = await browserReady;
    }

    /// <summary>
    /// A fresh context (no cookies, no storage) at the given viewport, with one page open. Its pages are watched for
    /// stray values (<see cref="StrayValues"/>); close it with <see cref="ClosePageAsync"/>, which fails on any.
    /// </summary>
    public async Task<IPage> NewPageAsync(ViewportSize viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport, Locale = "en-GB", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        await StrayValues.WatchAsync(context);
        contexts.Enqueue(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the page's context after checking that none of its pages showed a stray value.</summary>
    public async Task ClosePageAsync(IPage page)
    {
        try
        {
            await StrayValues.ShouldHaveNoneAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The admin's account, created on first use, and a client that sends the admin's token.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        await adminGate.WaitAsync();
        try
        {
            if (admin is null)
            {
                var (_, _, client) = await Host.SignedInUser(AdminId);
                admin = client;
            }

            return admin;
        }
        finally
        {
            adminGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();

        // The backstop for a test that closed its context itself rather than through ClosePageAsync: what its pages
        // showed still fails the run, though without naming the test.
        var unseen = contexts.SelectMany(StrayValues.Unchecked).ToList();
        unseen.Should().BeEmpty("no page may show a script's missing value as text");
    }

    private async Task<IBrowser> LaunchAsync()
    {
        await Chromium.EnsureInstalledAsync();
        playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Flags,
        });
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
