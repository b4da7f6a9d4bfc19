using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModuleKit.Settings;

/// <summary>The last settings of each type that passed their checks, shared by every factory that builds them.</summary>
internal sealed class LastGoodOptions<TOptions>(string sectionPath)
{
    public string SectionPath => sectionPath;

    public ConcurrentDictionary<string, TOptions> Values { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Builds options as the framework does, except after a reload that breaks a rule: the framework's monitor would drop
/// its value and throw to every reader from then on, so the problems are logged and the last good value is handed out
/// instead, as the module router does for routes. The first build has nothing to fall back on and throws, which is
/// what stops start-up.
/// </summary>
internal sealed partial class LastGoodOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations,
    LastGoodOptions<TOptions> lastGood,
    ILogger<LastGoodOptions<TOptions>> logger) : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> factory = new(setups, postConfigures, validations);

    public TOptions Create(string name)
    {
        try
        {
            var options = factory.Create(name);
            lastGood.Values[name] = options;
            return options;
        }
        // A value that does not convert (a word where a number belongs) fails the binding with InvalidOperationException.
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException && lastGood.Values.TryGetValue(name, out var previous))
        {
            LogKept(logger, lastGood.SectionPath, e.Message);
            return previous;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The new {Section} settings are not valid, so the previous ones stay in force: {Problems}")]
    private static partial void LogKept(ILogger logger, string section, string problems);
}
