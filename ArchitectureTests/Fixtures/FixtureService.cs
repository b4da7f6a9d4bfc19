using ModuleKit;

namespace ArchitectureTests.Fixtures;

/// <summary>A stand-in for <c>src/Extracted/&lt;Name&gt;.Service</c>: a program that constructs module entry points and runs them on the kit.</summary>
internal sealed class FixtureService
{
    private FixtureService(string name)
    {
        Assembly = FixtureAssembly.Named(name + ModuleModel.ServiceSuffix);
        Program = Assembly.Class($"{name}.Service.Program");
        // What the real services' one line does: hand a module to the kit, which makes ModuleKit a reference.
        Assembly.Field(Program, "module", Assembly.Import(typeof(IModule)));
    }

    public FixtureAssembly Assembly { get; }

    public TypeDefinition Program { get; }

    /// <summary>A service named <paramref name="name"/>.Service whose program constructs each given module's entry point.</summary>
    public static FixtureService Named(string name, params FixtureModule[] hosting)
    {
        var service = new FixtureService(name);
        foreach (var module in hosting)
        {
            service.Assembly.MethodCalling(service.Program, $"Host{module.Name}", service.Assembly.ConstructorOf(module.EntryPoint));
        }

        return service;
    }
}
