using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ArchitectureTests.Kit;

/// <summary>
/// Everything a type mentions: base type, interfaces, members' signatures, custom attributes, and every type,
/// method and field its IL refers to, generic arguments included at any depth.
/// </summary>
internal static class TypeDependencies
{
    public static IReadOnlySet<Dependency> Of(TypeDefinition type)
    {
        var collector = new Collector();
        collector.Add(type);
        return collector.Found;
    }

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
        }

        private void Method(MethodDefinition method)
        {
            Signature(method);
            Attributes(method);
            Attributes(method.MethodReturnType);
            GenericParameters(method);
            foreach (var overridden in method.Overrides)
            {
                Member(overridden);
            }

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
                    case CallSite site: Signature(site); break;
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
            foreach (var parameter in provider.GenericParameters)
            {
                Attributes(parameter);
                foreach (var constraint in parameter.Constraints)
                {
                    Type(constraint.ConstraintType);
                    Attributes(constraint);
                }
            }
        }

        private void Attributes(ICustomAttributeProvider provider)
        {
            if (!provider.HasCustomAttributes)
            {
                return;
            }

            foreach (var attribute in provider.CustomAttributes)
            {
                Member(attribute.Constructor);
                AttributeArguments(attribute);
            }
        }

        private void AttributeArguments(CustomAttribute attribute)
        {
            try
            {
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Argument(argument);
                }

                foreach (var named in attribute.Fields.Concat(attribute.Properties))
                {
                    Argument(named.Argument);
                }
            }
            catch (AssemblyResolutionException)
            {
                // Decoding an enum argument needs its assembly; the attribute's own type is already recorded.
            }
        }

        private void Argument(CustomAttributeArgument argument)
        {
            Type(argument.Type);
            switch (argument.Value)
            {
                case TypeReference type: Type(type); break;
                case CustomAttributeArgument boxed: Argument(boxed); break;
                case CustomAttributeArgument[] items:
                    foreach (var item in items)
                    {
                        Argument(item);
                    }

                    break;
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
                case FunctionPointerType pointer:
                    Signature(pointer);
                    return;
                case IModifierType modified:
                    Type(modified.ModifierType);
                    Type(modified.ElementType);
                    return;
                case TypeSpecification specification:
                    Type(specification.ElementType);
                    return;
                default:
                    Found.Add(new Dependency(type.DisplayName(), type.AssemblyName()));
                    return;
            }
        }
    }
}
