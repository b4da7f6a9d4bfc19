using System.Diagnostics;
using System.Globalization;

namespace ArchitectureTests.Fixtures;

/// <summary>
/// One temporary folder per test run, named after the process, with a subfolder per fixture. NetArchTest keeps the
/// files it reads open, and the test host ends without running exit handlers, so a run cannot clean up after
/// itself: each run removes the folders of runs whose process is gone.
/// </summary>
internal static class FixtureFolder
{
    private const string Prefix = "architecture-fixtures-";

    private static readonly Lazy<DirectoryInfo> Root = new(CreateRoot);

    public static string Create() => Root.Value.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName;

    private static DirectoryInfo CreateRoot()
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories($"{Prefix}*").Where(IsLeftByEndedRun))
        {
            TryDelete(stale);
        }

        return Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
    }

    private static bool IsLeftByEndedRun(DirectoryInfo folder)
    {
        var id = folder.Name[Prefix.Length..].Split('-')[0];
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's folder, or a file still open: left to the system's temp cleanup.
        }
    }
}
