using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModuleKit.Settings;

namespace Tests.Shared;

/// <summary>
/// Settings checked the way a process checks them at start-up: bound under a section by <c>AddValidatedOptions</c> and
/// validated as <c>ValidateOnStart</c> does, linked into each test project whose settings it checks.
/// </summary>
internal static class SettingsCheck
{
    /// <summary>The message start-up stops with for these settings (keys under <paramref name="section"/>); null when they pass.</summary>
    public static string? Failure<TOptions, TValidator>(string section, params (string Key, string Value)[] settings)
        where TOptions : class
        where TValidator : IValidator<TOptions> =>
        Failure(
            [.. settings.Select(s => ($"{section}:{s.Key}", s.Value))],
            (services, configuration) => services.AddValidatedOptions<TOptions, TValidator>(configuration.GetSection(section)));

    /// <summary>The message start-up stops with for these settings, registered by <paramref name="register"/>; null when they pass.</summary>
    public static string? Failure(IReadOnlyList<(string Key, string Value)> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        register(services, configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }
}
