using Tests.Shared;

namespace Browser.Tests.Infrastructure;

/// <summary>
/// The Debian <c>chromium</c> package, which Playwright drives through <c>ExecutablePath</c> (Playwright's own browser
/// download is not used). Installed with apt-get when missing, as on a fresh CI machine (<see cref="DebianPackages"/>).
/// </summary>
public static class Chromium
{
    /// <summary>Where the browser is: <c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c> on machines without the Debian package.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Headless, with nothing that reaches the network by itself or needs a sandbox a container lacks.</summary>
    public static IReadOnlyList<string> Flags { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ExecutablePath))
            {
                return;
            }

            if (!DebianPackages.AptAvailable)
            {
                throw new InvalidOperationException(
                    $"No browser at {ExecutablePath} and no apt-get to install one: install Chromium and set CHROMIUM_PATH to it.");
            }

            await DebianPackages.System.InstallAsync("chromium");
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"apt-get installed chromium, but {ExecutablePath} is still missing.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
