using FluentValidation;
using Microsoft.Extensions.Options;

namespace ModuleKit.Settings;

/// <summary>A validator's findings as one options failure, so the exception that stops start-up names every bad key.</summary>
internal sealed class OptionsRules<TOptions>(string sectionPath, IValidator<TOptions> validator) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        // Only the unnamed instance is bound to the section this validator's keys are named after.
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = validator.Problems(options, sectionPath);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
