namespace ArchitectureTests.Fixtures;

/// <summary>Runs the real discovery over fixture assemblies, written to disk first because NetArchTest reads only files.</summary>
internal static class Fixture
{
    public static ModuleModel Model(params FixtureModule[] modules) =>
        Output(modules.SelectMany(m => m.Assemblies).Append(FixtureHost.Composing(modules).Assembly.Assembly));

    public static ModuleModel Model(FixtureHost host, params FixtureModule[] modules) =>
        Output(modules.SelectMany(m => m.Assemblies).Append(host.Assembly.Assembly));

    /// <summary>The modules, a Host composing them all, and these extracted services.</summary>
    public static ModuleModel Model(FixtureModule[] modules, params FixtureService[] services) =>
        Output(modules.SelectMany(m => m.Assemblies)
            .Append(FixtureHost.Composing(modules).Assembly.Assembly)
            .Concat(services.Select(s => s.Assembly.Assembly)));

    /// <summary>Exactly these assemblies, each written to <c>&lt;Name&gt;.dll</c> in a folder of their own, as the build lays them out.</summary>
    public static ModuleModel Output(IEnumerable<AssemblyDefinition> assemblies)
    {
        var folder = FixtureFolder.Create();
        foreach (var assembly in assemblies)
        {
            assembly.Write(Path.Combine(folder, $"{assembly.Name.Name}.dll"));
        }

        return ModuleModel.FromDirectory(folder);
    }
}
