namespace ArchitectureTests.Discovery;

/// <summary>The rules are only as good as the module list they run over; these tests keep it from being empty or wrong.</summary>
public sealed class ModuleDiscoveryTests
{
    [Fact]
    public void Discovery_finds_the_Users_module_and_its_entry_point_in_the_build_output() =>
        BuildOutput.Model.Modules.Should().Contain(m => m.Name == "Users" && m.EntryPoint.FullName == "Users.UsersModule");

    [Fact]
    public void Every_discovered_module_has_its_Contracts_assembly() =>
        BuildOutput.Model.Modules.Where(m => m.Contracts is null).Select(m => m.ContractsName)
            .Should().BeEmpty("every module publishes its requests and events in <Name>.Contracts next to its implementation");

    [Fact]
    public void Discovery_finds_the_Host_in_the_build_output() =>
        BuildOutput.Model.Host.Should().NotBeNull($"{ModuleModel.HostAssemblyName}.dll is referenced by this project");

    [Fact]
    public void Every_module_folder_in_src_reaches_the_build_output()
    {
        var modulesFolder = Path.Combine(BuildOutput.RepositoryRoot(), "src", "Modules");
        var moduleFolders = Directory.EnumerateDirectories(modulesFolder)
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(modulesFolder, name!, name!, $"{name}.csproj")));

        moduleFolders.Should().BeSubsetOf(BuildOutput.Model.Modules.Select(m => m.Name),
            "src/Host must reference every module's implementation project so it is built, composed and checked here");
    }

    [Fact]
    public void Discovery_recognises_a_module_by_its_public_IModule_entry_point_and_pairs_its_contracts()
    {
        var model = Fixture.Model(FixtureModule.Named("Beta"), FixtureModule.Named("Alpha"));

        model.Modules.Select(m => (m.Name, m.EntryPoint.FullName, m.Contracts?.Name.Name)).Should().Equal(
            ("Alpha", "Alpha.AlphaModule", "Alpha.Contracts"),
            ("Beta", "Beta.BetaModule", "Beta.Contracts"));
        model.Host!.Name.Name.Should().Be(ModuleModel.HostAssemblyName);
    }

    [Fact]
    public void Discovery_ignores_assemblies_whose_IModule_implementation_is_not_public()
    {
        var alpha = FixtureModule.Named("Alpha");
        alpha.EntryPoint.IsPublic = false;

        Fixture.Model(alpha).Modules.Should().BeEmpty();
    }
}
