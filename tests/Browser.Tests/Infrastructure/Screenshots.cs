using Microsoft.Playwright;

namespace Browser.Tests.Infrastructure;

/// <summary>Pictures of the main pages for the README, written into <c>docs/screenshots/</c> of the repository.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Monolith.sln not found above the test output."), "docs", "screenshots");
        System.IO.Directory.CreateDirectory(path);
        return path;
    });

    /// <summary>Saves the whole page as <c>docs/screenshots/{name}.png</c>.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        // Fonts and layout settle before the picture, so it shows what a person would see.
        await page.EvaluateAsync("document.fonts.ready");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory.Value, name + ".png"), FullPage = true });
    }
}
