namespace Host.IntegrationTests.Hosting;

/// <summary>What the Host ships with, read from the dependency manifest the build writes beside it.</summary>
public sealed class HostDependencyTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Libraries = new(() =>
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "Monolith.Host.deps.json");
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .ToDictionary(library => library.Name, library => library.Value.GetProperty("type").GetString() ?? "", StringComparer.OrdinalIgnoreCase);
    });

    [Fact]
    public void YARP_is_an_ordinary_package_dependency_of_the_Host()
    {
        Libraries.Value.Should().Contain("Yarp.ReverseProxy/2.3.0", "package");
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.Design")]
    [InlineData("Microsoft.CodeAnalysis")]
    [InlineData("Microsoft.Build")]
    [InlineData("Humanizer")]
    [InlineData("Mono.TextTemplating")]
    [InlineData("Monolith.Migrations")]
    public void The_Host_ships_none_of_the_design_time_tooling_of_dotnet_ef(string prefix)
    {
        Libraries.Value.Keys.Should().NotContain(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
