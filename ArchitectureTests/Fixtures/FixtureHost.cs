namespace ArchitectureTests.Fixtures;

/// <summary>A stand-in for Monolith.Host that composes fixture modules by constructing their entry points.</summary>
internal sealed class FixtureHost
{
    private FixtureHost(IEnumerable<FixtureModule> composed)
    {
        Assembly = FixtureAssembly.Named(ModuleModel.HostAssemblyName);
        Program = Assembly.Class("Monolith.Host.Program");
        foreach (var module in composed)
        {
            Assembly.MethodCalling(Program, $"Add{module.Name}", Assembly.ConstructorOf(module.EntryPoint));
        }
    }

    public FixtureAssembly Assembly { get; }

    public TypeDefinition Program { get; }

    public static FixtureHost Composing(params FixtureModule[] modules) => new(modules);
}
