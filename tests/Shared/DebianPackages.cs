using System.Diagnostics;

namespace Tests.Shared;

/// <summary>
/// Installs Debian packages a test suite needs (Chromium now; PostgreSQL and RabbitMQ later), linked into each test
/// project that installs one. Test projects run in parallel, and apt allows one user at a time: apt-get is told to
/// wait for a held lock (<c>DPkg::Lock::Timeout</c>), installs within the process take turns, and an apt-get that still
/// finds the lock held, which the timeout does not cover for every lock (<c>apt-get update</c> takes the lists lock),
/// is run again a bounded number of times before the install fails with apt's own words about who holds it.
/// </summary>
internal sealed class DebianPackages(DebianPackages.Runner run, Func<TimeSpan, Task> wait, int attempts = 6)
{
    /// <summary>Runs a command to completion: its exit code and its standard output and error together.</summary>
    public delegate Task<(int ExitCode, string Output)> Runner(ProcessStartInfo start);

    public const string LockTimeout = "DPkg::Lock::Timeout=300";

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    // One gate for every instance: the lock is the machine's, and two installs from one process would only queue on it.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>apt-get on this machine, as root (installing needs it).</summary>
    public static DebianPackages System { get; } = new(RunAsync, Task.Delay);

    public static bool AptAvailable => File.Exists("/usr/bin/apt-get");

    /// <summary>Refreshes the package lists, then installs the packages without their recommendations.</summary>
    public async Task InstallAsync(params string[] packages)
    {
        await Gate.WaitAsync();
        try
        {
            await AptGetAsync(["-o", LockTimeout, "update"]);
            await AptGetAsync(["install", "-y", "--no-install-recommends", "-o", LockTimeout, .. packages]);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// apt's words for a lock another process holds, for the dpkg lock and the lists lock alike. "Permission denied"
    /// and "are you root?" are not among them: running again would not help a user who may not take the lock at all.
    /// </summary>
    public static bool IsLockHeld(string output) =>
        !output.Contains("Permission denied", StringComparison.Ordinal)
        && (output.Contains("Could not get lock", StringComparison.Ordinal)
            || output.Contains("Unable to lock", StringComparison.Ordinal)
            || output.Contains("is another process using it", StringComparison.Ordinal));

    private async Task AptGetAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("apt-get")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No prompts: nobody answers them in a test run, and one would hold the lock until the run times out.
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var command = $"apt-get {string.Join(' ', arguments)}";
        for (var attempt = 1; ; attempt++)
        {
            var (exitCode, output) = await run(start);
            if (exitCode == 0)
            {
                return;
            }

            var tail = string.Join('\n', output.Split('\n').TakeLast(20));
            if (!IsLockHeld(output))
            {
                throw new InvalidOperationException(
                    $"'{command}' failed with exit code {exitCode} (installing packages needs root):\n{tail}");
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException(
                    $"'{command}' found apt's lock held by another process {attempts} times, over at least "
                    + $"{Pause.TotalSeconds * (attempts - 1)} s: wait for that process (named below) or stop it, then run again.\n{tail}");
            }

            await wait(Pause);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
