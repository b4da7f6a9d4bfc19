namespace Extraction.Tests.Infrastructure;

/// <summary>
/// Where the built Host and extracted services are: each in its own project's output folder, built by this project's
/// references in the same configuration and framework as this test assembly (bin/&lt;Configuration&gt;/&lt;Framework&gt;).
/// </summary>
internal static class Builds
{
    private static readonly Lazy<(string Root, string Output)> Layout = new(Find);

    public static string RepositoryRoot => Layout.Value.Root;

    public static string HostDll => Dll(Path.Combine("src", "Host"), "Monolith.Host");

    public static string ServiceDll(string module) => Dll(Path.Combine("src", "Extracted", $"{module}.Service"), $"{module}.Service");

    private static string Dll(string project, string assembly)
    {
        var path = Path.Combine(RepositoryRoot, project, Layout.Value.Output, assembly + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{path} is missing: build the solution (dotnet build Monolith.sln) so this project's references produce it.", path);
    }

    private static (string Root, string Output) Find()
    {
        var here = AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(here); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Monolith.sln")))
            {
                // The running test project's own output layout (bin/<Configuration>/<Framework>), whichever project it is.
                var project = new DirectoryInfo(here);
                while (project.Parent is not null && project.Name != "bin")
                {
                    project = project.Parent;
                }

                return (directory.FullName, Path.GetRelativePath(project.Parent?.FullName ?? here, here));
            }
        }

        throw new DirectoryNotFoundException($"No Monolith.sln above {here}: these tests run from the repository's build output.");
    }
}
