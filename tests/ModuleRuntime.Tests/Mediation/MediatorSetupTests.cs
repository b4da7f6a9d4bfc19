using System.Reflection;
using FluentValidation;
using Logging;
using Microsoft.Extensions.DependencyInjection;
using ModuleKit.Mediation;
using ModuleRuntime.Mediation;
using Tweets;
using Users;

namespace ModuleRuntime.Tests.Mediation;

public sealed class MediatorSetupTests
{
    private static readonly Assembly[] ModuleAssemblies =
        [typeof(UsersModule).Assembly, typeof(TweetsModule).Assembly, typeof(LoggingModule).Assembly];

    public static TheoryData<string> Validators()
    {
        var data = new TheoryData<string>();
        foreach (var type in ModuleAssemblies.SelectMany(a => a.GetTypes()).Where(IsValidator))
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    public void The_modules_have_internal_validators_to_register()
    {
        ModuleAssemblies.SelectMany(a => a.GetTypes()).Where(IsValidator)
            .Should().Contain(t => !t.IsPublic && !t.IsNestedPublic, "validators are internal to their module");
    }

    [Theory]
    [MemberData(nameof(Validators))]
    public void Every_validator_of_a_module_is_registered_for_the_request_it_validates(string validatorName)
    {
        var validator = Type.GetType(validatorName, throwOnError: true)!;
        var services = new ServiceCollection().AddModuleMediator(ModuleAssemblies);

        foreach (var validates in validator.GetInterfaces().Where(IsClosedValidator))
        {
            services.Should().Contain(d => d.ServiceType == validates && d.ImplementationType == validator
                && d.Lifetime == ServiceLifetime.Scoped, $"{validator.Name} validates {validates.GenericTypeArguments[0].Name}");
        }
    }

    private static bool IsValidator(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && type.GetInterfaces().Any(IsClosedValidator);

    private static bool IsClosedValidator(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IValidator<>);
}
