namespace Browser.Tests.Infrastructure;

/// <summary>
/// Pictures of the main pages. A test run writes them beside its own output, so it leaves the checkout as it
/// found it; with <c>SCREENSHOTS_TO_DOCS=1</c> they replace the README's pictures in <c>docs/screenshots/</c>.
/// </summary>
public static class Screenshots
{
    public const string ToDocsVariable = "SCREENSHOTS_TO_DOCS";

    private static readonly Lazy<string> Directory = new(() =>
    {
        var path = Environment.GetEnvironmentVariable(ToDocsVariable) == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        System.IO.Directory.CreateDirectory(path);
        return path;
    });

    /// <summary>Saves the whole page as <c>{name}.png</c>.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        // Fonts and layout settle before the picture, so it shows what a person would see.
        await page.EvaluateAsync("document.fonts.ready");
        var path = Path.Combine(Directory.Value, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.Should().BePositive($"the screenshot {name}.png was written");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Monolith.sln not found above the test output.");
    }
}
