using System.Text.RegularExpressions;

namespace Extraction.Tests.Identity;

/// <summary>
/// A service started as <c>dotnet &lt;dll&gt;</c> from an unrelated working directory, as a service manager or a
/// container starts it, reads its own <c>appsettings.json</c> and opens the same database as when started from its
/// project folder, as <c>dotnet run</c> does: the Host's default <c>src/Host/data</c>, with no setting given.
/// </summary>
public sealed partial class ContentRootTests(ITestOutputHelper output) : IDisposable
{
    private readonly string elsewhere = Path.Combine(Path.GetTempPath(), "monolith-content-root-tests", Guid.NewGuid().ToString("N")[..12]);
    private readonly List<ModuleProcess> processes = [];

    [Fact]
    public async Task A_service_started_from_another_working_directory_opens_the_same_database_as_under_dotnet_run()
    {
        Directory.CreateDirectory(elsewhere);
        var project = Path.Combine(Builds.RepositoryRoot, "src", "Extracted", "Logging.Service");
        var fromElsewhere = Start("from-elsewhere", elsewhere);
        var fromProject = Start("from-project", project);
        try
        {
            await fromElsewhere.Start();
            await fromProject.Start();

            var elsewhereId = await DatabaseId(fromElsewhere);
            var projectId = await DatabaseId(fromProject);
            var hostData = Path.Combine(Builds.RepositoryRoot, "src", "Host", "data");
            var recorded = Sqlite.Rows(Path.Combine(hostData, "logging.db"), """SELECT "DatabaseId" FROM "__ModuleIdentity" """, r => r.GetString(0));
            output.WriteLine($"{elsewhere}: {elsewhereId}; {project}: {projectId}; {hostData}/logging.db: {string.Join(",", recorded)}");

            elsewhereId.Should().Be(projectId, "both processes opened the same database");
            recorded.Should().Equal(elsewhereId);
            Where().Match(fromElsewhere.Log()).Groups.Values.Skip(1).Select(g => g.Value)
                .Should().Equal(project, hostData);
            Directory.EnumerateFileSystemEntries(elsewhere).Should().BeEmpty("nothing was created in the working directory");
        }
        catch
        {
            output.WriteLine(fromElsewhere.Tail(40));
            output.WriteLine(fromProject.Tail(40));
            throw;
        }
    }

    public void Dispose()
    {
        processes.ForEach(p => p.Kill());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(elsewhere, recursive: true);
    }

    // No Data:Directory or content root: the service's own appsettings.json decides, as in production.
    private ModuleProcess Start(string name, string workingDirectory)
    {
        var process = new ModuleProcess(
            $"Logging.Service ({name})", Builds.ServiceDll("Logging"), FreePort.Next(),
            Path.Combine(Path.GetTempPath(), $"monolith-content-root-{name}-{Guid.NewGuid():N}.log"), () => [], workingDirectory);
        processes.Add(process);
        return process;
    }

    private static async Task<string> DatabaseId(ModuleProcess process)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri(process.Url, "/health/ready")));
        return ready.RootElement.GetProperty("databases").EnumerateArray()
            .Single(d => d.GetProperty("module").GetString() == "Logging")
            .GetProperty("databaseId").GetString()!;
    }

    // Serilog's text format may quote the paths.
    [GeneratedRegex(@"Content root ""?([^"";\s]+)""?; data directory ""?([^""\s]+)""?")]
    private static partial Regex Where();
}
