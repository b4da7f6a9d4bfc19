using FluentValidation;

namespace ModuleKit.Mediation;

/// <summary>
/// Rules whose check lives in the domain as "why is this value unacceptable, or null when it is fine", so the
/// message comes from the same place as the rule.
/// </summary>
public static class ProblemRule
{
    public static IRuleBuilderOptionsConditions<T, TProperty> HasNoProblem<T, TProperty>(
        this IRuleBuilder<T, TProperty> rule, Func<TProperty, string?> problem) =>
        rule.HasNoProblem((_, value) => problem(value));

    /// <summary>The same, for a check that also needs the rest of the request (a password compared with the id).</summary>
    public static IRuleBuilderOptionsConditions<T, TProperty> HasNoProblem<T, TProperty>(
        this IRuleBuilder<T, TProperty> rule, Func<T, TProperty, string?> problem) =>
        rule.Custom((value, context) =>
        {
            if (problem(context.InstanceToValidate, value) is { } message)
            {
                context.AddFailure(message);
            }
        });
}
