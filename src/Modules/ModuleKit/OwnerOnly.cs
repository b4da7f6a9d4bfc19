namespace ModuleKit;

/// <summary>
/// Narrows a file or directory to its owner on Unix: 600 for a file (with SQLite's <c>-wal</c> and <c>-shm</c>
/// companions when present), 700 for a directory. Elsewhere, and for paths that are not on disk, it does nothing.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Directory = File | UnixFileMode.UserExecute;

    public static void Protect(string? path)
    {
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(path))
        {
            return;
        }

        if (System.IO.Directory.Exists(path))
        {
            TrySet(path, Directory);
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(System.IO.File.Exists))
        {
            TrySet(file, File);
        }
    }

    // A path the process does not own (a directory an operator made and shared on purpose) is left as it is:
    // refusing to start would break a set-up that works.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void TrySet(string path, UnixFileMode mode)
    {
        try
        {
            System.IO.File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (IOException)
        {
        }
    }
}
