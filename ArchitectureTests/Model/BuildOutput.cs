namespace ArchitectureTests.Model;

/// <summary>The real thing: every assembly the build copied next to the tests, read once.</summary>
internal static class BuildOutput
{
    private static readonly Lazy<ModuleModel> ModelOnce = new(() => ModuleModel.FromDirectory(AppContext.BaseDirectory));

    public static ModuleModel Model => ModelOnce.Value;

    /// <summary>The folder holding Monolith.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Monolith.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Monolith.sln.");
    }
}
