using ArchitectureTests.Kit;
using ArchitectureTests.Model;
using Mono.Cecil;

namespace ArchitectureTests.Rules.ExtractedServices;

internal static class ExtractedServicesRule
{
    public const string Description =
        "an extracted service <Name>.Service hosts exactly the module <Name>: it uses that module's implementation and no other module's, nor the Host";

    public static RuleResult Check(ModuleModel model) => new(Description, model.ExtractedServices.SelectMany(service => Check(model, service)));

    private static IEnumerable<Violation> Check(ModuleModel model, AssemblyDefinition service)
    {
        var name = service.Name.Name;
        var hosted = name[..^ModuleModel.ServiceSuffix.Length];
        if (!model.Modules.Any(m => m.Name == hosted))
        {
            return [new Violation(name, $"is named after no module; an extracted service is <Module>{ModuleModel.ServiceSuffix}")];
        }

        var types = Types.InAssembly(service);
        var others = model.Modules.Where(m => m.Name != hosted).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var violations = types.Should()
            .NotDependOn(d => others.Contains(d.Assembly) || d.Assembly == ModuleModel.HostAssemblyName)
            .ToList();
        if (!types.Usages().Any(u => u.Dependency.Assembly == hosted))
        {
            violations.Add(new Violation(name, $"does not host the {hosted} module: nothing in it uses the module's implementation"));
        }

        return violations;
    }
}
