namespace ArchitectureTests.Rules.ExtractedServices;

internal static class ExtractedServicesRule
{
    public const string Description =
        "an extracted service <Name>.Service hosts exactly the module <Name>: it uses that module's implementation and no other module's, nor the Host";

    public static RuleResult Check(ModuleModel model) => new(Description, model.ExtractedServices.SelectMany(service => Check(model, service)));

    private static IEnumerable<Violation> Check(ModuleModel model, AssemblyDefinition service)
    {
        var name = service.Name.Name;
        var hosted = model.Modules.SingleOrDefault(m => m.Name == name[..^ModuleModel.ServiceSuffix.Length]);
        if (hosted is null)
        {
            return [new Violation(name, $"is named after no module; an extracted service is <Module>{ModuleModel.ServiceSuffix}")];
        }

        var forbidden = model.Modules.Where(m => m != hosted).Select(m => m.Implementation)
            .Concat(model.Host is null ? [] : [model.Host])
            .ToList();
        var forbiddenNames = forbidden.Select(a => a.Name.Name).ToHashSet(StringComparer.Ordinal);
        var violations = Types.FromFile(service.File())
            .ShouldNot().HaveDependencyOnAny(Namespaces.Of(forbidden))
            .GetResult()
            .Violations(service, d => forbiddenNames.Contains(d.Assembly))
            .ToList();
        if (!Uses(service, hosted.Implementation))
        {
            violations.Add(new Violation(name, $"does not host the {hosted.Name} module: nothing in it uses the module's implementation"));
        }

        return violations;
    }

    // NetArchTest names the types that use an assembly only as the failures of a rule against using it; prefix
    // matches among them (the module's contracts) do not count as hosting the module.
    private static bool Uses(AssemblyDefinition service, AssemblyDefinition implementation) => Types.FromFile(service.File())
        .ShouldNot().HaveDependencyOnAny(Namespaces.Of([implementation]))
        .GetResult()
        .Usages(service, d => d.Assembly == implementation.Name.Name)
        .Any();
}
