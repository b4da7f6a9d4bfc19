using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ModuleKit.Settings;

/// <summary>
/// The one way settings are checked, in modules and hosts alike: a FluentValidation validator for the options class,
/// run when the process starts and again on every configuration reload. All problems are reported at once, each
/// naming its key (<c>Events:PollInterval must be …; Events:LeaseDuration must be …</c>).
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks it with
    /// <typeparamref name="TValidator"/>: a problem stops start-up; a reload with a problem is logged and the last good
    /// settings stay in force.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : IValidator<TOptions>
    {
        var path = (section as IConfigurationSection)?.Path ?? string.Empty;
        services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new OptionsRules<TOptions>(path, ActivatorUtilities.CreateInstance<TValidator>(provider)));
        services.TryAddSingleton(new LastGoodOptions<TOptions>(path));
        services.TryAddTransient<IOptionsFactory<TOptions>, LastGoodOptionsFactory<TOptions>>();
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }

    /// <summary>
    /// Every problem <paramref name="validator"/> finds, each starting with the key it is about under
    /// <paramref name="sectionPath"/>, such as <c>Modules:Tweets:Remote:Timeout must be a positive duration</c>.
    /// </summary>
    public static IReadOnlyList<string> Problems<TOptions>(this IValidator<TOptions> validator, TOptions options, string sectionPath) =>
        // Without a full stop, because problems are listed with "; " between them.
        [.. validator.Validate(options).Errors.Select(e => $"{Key(sectionPath, e.PropertyName)} {e.ErrorMessage.TrimEnd('.')}")];

    // FluentValidation names a nested property Remote.Timeout and an item Destinations[0]; configuration says
    // Remote:Timeout and Destinations:0, which is what a person has to find in the file.
    private static string Key(string sectionPath, string propertyName)
    {
        var key = propertyName.Replace('.', ':').Replace("[", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        return (sectionPath, key) switch
        {
            ("", _) => key,
            (_, "") => sectionPath,
            _ => $"{sectionPath}:{key}",
        };
    }
}
