using ArchitectureTests.Model;

namespace ArchitectureTests.Fixtures;

/// <summary>Runs the real discovery over fixture assemblies.</summary>
internal static class Fixture
{
    public static ModuleModel Model(params FixtureModule[] modules) =>
        ModuleModel.From(modules.SelectMany(m => m.Assemblies).Append(FixtureHost.Composing(modules).Assembly.Assembly));

    public static ModuleModel Model(FixtureHost host, params FixtureModule[] modules) =>
        ModuleModel.From(modules.SelectMany(m => m.Assemblies).Append(host.Assembly.Assembly));

    /// <summary>The modules, a Host composing them all, and these extracted services.</summary>
    public static ModuleModel Model(FixtureModule[] modules, params FixtureService[] services) =>
        ModuleModel.From(modules.SelectMany(m => m.Assemblies)
            .Append(FixtureHost.Composing(modules).Assembly.Assembly)
            .Concat(services.Select(s => s.Assembly.Assembly)));
}
