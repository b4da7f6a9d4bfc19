using ContractKinds;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ModuleKit;

namespace ArchitectureTests.Fixtures;

/// <summary>
/// A small module that keeps every rule: a contracts assembly with one query, and an implementation with an
/// internal entity, DbContext and handler behind a public <c>IModule</c> entry point. Tests add one violation to it.
/// </summary>
internal sealed class FixtureModule
{
    private FixtureModule(string name)
    {
        Name = name;
        Contracts = FixtureAssembly.Named($"{name}.Contracts");
        var text = Contracts.Import(typeof(string));
        Request = Contracts.Class($"{name}.Contracts.Get{name}", isPublic: true,
            interfaces: [Contracts.Generic(typeof(IRequest<>), text), Contracts.Generic(typeof(IQuery<>), text)]);

        Implementation = FixtureAssembly.Named(name);
        EntryPoint = Implementation.Class($"{name}.{name}Module", isPublic: true, interfaces: Implementation.Import(typeof(IModule)));
        Entity = Implementation.Class($"{name}.Domain.{name}Item");
        DbContext = Implementation.Class($"{name}.Data.{name}DbContext", baseType: Implementation.Import(typeof(DbContext)));
        Implementation.Property(DbContext, "Items", Implementation.Generic(typeof(DbSet<>), Entity));
        Handler = Implementation.Class($"{name}.Features.Get{name}Handler");
        Implementation.Field(Handler, "request", Request);
    }

    public string Name { get; }

    public FixtureAssembly Contracts { get; }

    public TypeDefinition Request { get; }

    public FixtureAssembly Implementation { get; }

    public TypeDefinition EntryPoint { get; }

    public TypeDefinition Entity { get; }

    public TypeDefinition DbContext { get; }

    public TypeDefinition Handler { get; }

    public IEnumerable<AssemblyDefinition> Assemblies => [Implementation.Assembly, Contracts.Assembly];

    public static FixtureModule Named(string name) => new(name);
}
