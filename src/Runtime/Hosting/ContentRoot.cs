using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ModuleRuntime.Hosting;

/// <summary>
/// Where a process finds its <c>appsettings.json</c> and resolves a relative <c>Data:Directory</c>: the same folder
/// whether it was started by <c>dotnet run</c> or as <c>dotnet &lt;dll&gt;</c> from any working directory, as a
/// service manager or a container starts it. ASP.NET Core's default, the working directory, made a service started
/// elsewhere read no settings and open a new, empty database (docs/adr/0036).
/// </summary>
public static class ContentRoot
{
    /// <summary>The assembly metadata key <c>Directory.Build.targets</c> writes into every web app at build time.</summary>
    public const string ProjectDirectoryKey = "ProjectDirectory";

    /// <summary>
    /// The builder options of an app started with <paramref name="args"/>: a content root given explicitly
    /// (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) is left to the host;
    /// otherwise <see cref="Resolve"/> chooses it.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Given(args) ? null : Resolve(Assembly.GetEntryAssembly(), AppContext.BaseDirectory),
    };

    /// <summary>
    /// The project folder recorded at build time while the app runs from that project's own build output (as
    /// <c>dotnet run</c> would use it); otherwise the app's own folder, where a published copy keeps its settings.
    /// </summary>
    public static string Resolve(Assembly? app, string baseDirectory)
    {
        var project = app?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;
        if (string.IsNullOrEmpty(project) || !Directory.Exists(project))
        {
            return baseDirectory;
        }

        var inside = Path.GetRelativePath(Path.GetFullPath(project), Path.GetFullPath(baseDirectory));
        return inside.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(inside) ? baseDirectory : project;
    }

    private static bool Given(string[] args) => !string.IsNullOrEmpty(new ConfigurationBuilder()
        .AddEnvironmentVariables("DOTNET_")
        .AddEnvironmentVariables("ASPNETCORE_")
        .AddCommandLine(args)
        .Build()[HostDefaults.ContentRootKey]);
}
