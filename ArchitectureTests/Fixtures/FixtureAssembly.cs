using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ArchitectureTests.Fixtures;

/// <summary>
/// An assembly built in memory with Mono.Cecil, so a test can commit exactly the violation it wants a rule to catch.
/// Types from other fixture assemblies and from real assemblies (through <see cref="Type"/> imports) are referenced
/// the way the compiler would reference them.
/// </summary>
internal sealed class FixtureAssembly
{
    private FixtureAssembly(string name) =>
        Assembly = AssemblyDefinition.CreateAssembly(new AssemblyNameDefinition(name, new Version(1, 0, 0, 0)), name, ModuleKind.Dll);

    public AssemblyDefinition Assembly { get; }

    private ModuleDefinition Module => Assembly.MainModule;

    public static FixtureAssembly Named(string name) => new(name);

    public TypeReference Import(Type type) => Module.ImportReference(type);

    public TypeReference Import(TypeReference type) => Module.ImportReference(type);

    /// <summary>A closed generic such as <c>DbSet&lt;Entity&gt;</c> from an open one such as <c>typeof(DbSet&lt;&gt;)</c>.</summary>
    public TypeReference Generic(Type open, params TypeReference[] arguments) =>
        Import(open).MakeGenericInstanceType([.. arguments.Select(Import)]);

    public TypeDefinition Class(string fullName, bool isPublic = false, TypeReference? baseType = null, params TypeReference[] interfaces)
    {
        var split = fullName.LastIndexOf('.');
        var visibility = isPublic ? TypeAttributes.Public : TypeAttributes.NotPublic;
        var type = new TypeDefinition(fullName[..split], fullName[(split + 1)..], visibility | TypeAttributes.Class | TypeAttributes.Sealed,
            Import(baseType ?? Module.TypeSystem.Object));
        foreach (var contract in interfaces)
        {
            type.Interfaces.Add(new InterfaceImplementation(Import(contract)));
        }

        Module.Types.Add(type);
        AddConstructor(type);
        return type;
    }

    public TypeDefinition NestedClass(TypeDefinition outer, string name, bool isPublic)
    {
        var type = new TypeDefinition("", name, (isPublic ? TypeAttributes.NestedPublic : TypeAttributes.NestedAssembly) | TypeAttributes.Class,
            Module.TypeSystem.Object);
        outer.NestedTypes.Add(type);
        return type;
    }

    public FieldDefinition Field(TypeDefinition owner, string name, TypeReference type)
    {
        var field = new FieldDefinition(name, FieldAttributes.Private, Import(type));
        owner.Fields.Add(field);
        return field;
    }

    /// <summary>A public read-only property, such as a <c>DbSet&lt;T&gt;</c> on a DbContext.</summary>
    public PropertyDefinition Property(TypeDefinition owner, string name, TypeReference type)
    {
        var getter = new MethodDefinition($"get_{name}", MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig, Import(type));
        Emit(getter, il => il.Emit(OpCodes.Ldnull));
        owner.Methods.Add(getter);
        var property = new PropertyDefinition(name, PropertyAttributes.None, Import(type)) { GetMethod = getter };
        owner.Properties.Add(property);
        return property;
    }

    /// <summary>A method on <paramref name="owner"/> whose body calls <paramref name="callee"/>.</summary>
    public MethodDefinition MethodCalling(TypeDefinition owner, string name, MethodReference callee)
    {
        var imported = Module.ImportReference(callee);
        var method = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.HideBySig, Module.TypeSystem.Void);
        Emit(method, il =>
        {
            if (imported.HasThis && imported.Name != ".ctor")
            {
                il.Emit(OpCodes.Ldnull);
            }

            il.Emit(imported.Name == ".ctor" ? OpCodes.Newobj : OpCodes.Call, imported);
            if (imported.Name == ".ctor" || imported.ReturnType.MetadataType != MetadataType.Void)
            {
                il.Emit(OpCodes.Pop);
            }
        });
        owner.Methods.Add(method);
        return method;
    }

    /// <summary>A reference to a generic method such as <c>ModelBuilder.Entity&lt;T&gt;()</c>, closed over <paramref name="argument"/>.</summary>
    public GenericInstanceMethod GenericMethod(TypeReference declaringType, string name, TypeReference argument)
    {
        var declaring = Import(declaringType);
        var open = new MethodReference(name, Module.TypeSystem.Object, declaring) { HasThis = true };
        open.GenericParameters.Add(new GenericParameter("T", open));
        var closed = new GenericInstanceMethod(open);
        closed.GenericArguments.Add(Import(argument));
        return closed;
    }

    /// <summary>The parameterless constructor of any type, closed generics such as <c>List&lt;T&gt;</c> included.</summary>
    public MethodReference ConstructorOf(TypeReference type) => new(".ctor", Module.TypeSystem.Void, Import(type)) { HasThis = true };

    private void AddConstructor(TypeDefinition type)
    {
        var constructor = new MethodDefinition(".ctor",
            MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            Module.TypeSystem.Void);
        Emit(constructor, il =>
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, new MethodReference(".ctor", Module.TypeSystem.Void, type.BaseType) { HasThis = true });
        });
        type.Methods.Add(constructor);
    }

    private static void Emit(MethodDefinition method, Action<ILProcessor> body)
    {
        var il = method.Body.GetILProcessor();
        body(il);
        il.Emit(OpCodes.Ret);
    }
}
