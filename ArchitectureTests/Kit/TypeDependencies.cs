using Mono.Cecil.Cil;

namespace ArchitectureTests.Kit;

/// <summary>
/// The small metadata reader: everything a type mentions — base type, interfaces, members' signatures, custom
/// attributes, and every type, method and field its IL refers to, generic arguments included at any depth. It reads
/// at least as far as NetArchTest does, so it can name the dependency behind each type NetArchTest fails; and it
/// builds the module graph, which NetArchTest cannot.
/// </summary>
internal static class TypeDependencies
{
    /// <summary>
    /// What <paramref name="type"/> mentions, together with what its compiler-generated nested types (closures, async
    /// state machines) mention: like NetArchTest, the reader charges those to the type that owns them.
    /// </summary>
    public static IReadOnlySet<Dependency> Of(TypeDefinition type)
    {
        var collector = new Collector();
        collector.Add(type);
        return collector.Found;
    }

    /// <summary>Every dependency in these assemblies, charged to the hand-written type that owns it.</summary>
    public static IEnumerable<Usage> UsagesIn(IEnumerable<AssemblyDefinition> assemblies) =>
        from type in assemblies.SelectMany(a => a.MainModule.GetTypes())
        where type.Owner() == type
        from dependency in Of(type)
        select new Usage(type.DisplayName(), dependency);

    private sealed class Collector
    {
        public HashSet<Dependency> Found { get; } = [];

        public void Add(TypeDefinition type)
        {
            Type(type.BaseType);
            foreach (var implementation in type.Interfaces)
            {
                Type(implementation.InterfaceType);
                Attributes(implementation);
            }

            Attributes(type);
            GenericParameters(type);
            foreach (var field in type.Fields)
            {
                Type(field.FieldType);
                Attributes(field);
            }

            foreach (var property in type.Properties)
            {
                Type(property.PropertyType);
                Parameters(property.Parameters);
                Attributes(property);
            }

            foreach (var @event in type.Events)
            {
                Type(@event.EventType);
                Attributes(@event);
            }

            foreach (var method in type.Methods)
            {
                Method(method);
            }

            foreach (var nested in type.NestedTypes.Where(TypeFacts.IsCompilerGenerated))
            {
                Add(nested);
            }
        }

        private void Method(MethodDefinition method)
        {
            Signature(method);
            Attributes(method);
            Attributes(method.MethodReturnType);
            GenericParameters(method);
            if (method.HasBody)
            {
                Body(method.Body);
            }
        }

        private void Body(MethodBody body)
        {
            foreach (var variable in body.Variables)
            {
                Type(variable.VariableType);
            }

            foreach (var handler in body.ExceptionHandlers)
            {
                Type(handler.CatchType);
            }

            foreach (var instruction in body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference type: Type(type); break;
                    case MethodReference method: Member(method); break;
                    case FieldReference field: Type(field.DeclaringType); Type(field.FieldType); break;
                }
            }
        }

        private void Member(MethodReference method)
        {
            Type(method.DeclaringType);
            Signature(method);
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Type(argument);
                }
            }
        }

        private void Signature(IMethodSignature signature)
        {
            Type(signature.ReturnType);
            Parameters(signature.Parameters);
        }

        private void Parameters(IEnumerable<ParameterDefinition> parameters)
        {
            foreach (var parameter in parameters)
            {
                Type(parameter.ParameterType);
                Attributes(parameter);
            }
        }

        private void GenericParameters(IGenericParameterProvider provider)
        {
            foreach (var constraint in provider.GenericParameters.SelectMany(p => p.Constraints))
            {
                Type(constraint.ConstraintType);
            }
        }

        // An attribute's type, through its constructor; typeof() arguments are left out, as NetArchTest leaves them out.
        private void Attributes(ICustomAttributeProvider provider)
        {
            if (provider.HasCustomAttributes)
            {
                foreach (var attribute in provider.CustomAttributes)
                {
                    Member(attribute.Constructor);
                }
            }
        }

        private void Type(TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Type(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Type(argument);
                    }

                    return;
                case TypeSpecification specification:
                    // Arrays, pointers, by-refs and modifiers (modreq(IsExternalInit) on init setters): the type they wrap.
                    Type(specification.ElementType);
                    return;
                default:
                    Found.Add(new Dependency(type.DisplayName(), type.AssemblyName()));
                    return;
            }
        }
    }
}
