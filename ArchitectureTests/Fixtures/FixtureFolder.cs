namespace ArchitectureTests.Fixtures;

/// <summary>
/// One temporary folder per test run, with a subfolder per fixture. NetArchTest keeps the files it reads open, so the
/// folder is removed when the run ends rather than after each test.
/// </summary>
internal static class FixtureFolder
{
    private static readonly Lazy<DirectoryInfo> Root = new(CreateRoot);

    public static string Create() => Root.Value.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName;

    private static DirectoryInfo CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("architecture-fixtures-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    }

    private static void Delete(DirectoryInfo root)
    {
        try
        {
            root.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open (Windows will not delete it) leaves the folder to the system's temp cleanup.
        }
    }
}
