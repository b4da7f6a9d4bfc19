using FluentValidation;
using ModuleKit.Paging;

namespace ModuleKit.Settings;

/// <summary>The checks of a <see cref="PageSize"/> setting, with the cap a module puts on its largest page, if any.</summary>
public sealed class PageSizeRules : AbstractValidator<PageSize>
{
    /// <param name="cap">The largest <see cref="PageSize.Max"/> the module can serve.</param>
    /// <param name="because">Why the cap is there, for the person who hits it.</param>
    public PageSizeRules(int? cap = null, string? because = null)
    {
        RuleFor(p => p.Default).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(p => p.Max).GreaterThanOrEqualTo(p => p.Default).WithMessage(p => $"must be at least Default ({p.Default}).");
        if (cap is { } most)
        {
            RuleFor(p => p.Max).LessThanOrEqualTo(most)
                .WithMessage(because is null ? $"may be at most {most}." : $"may be at most {most}: {because}");
        }
    }
}
