using FluentValidation;

namespace ModuleRuntime.Idempotency;

internal sealed class IdempotencyOptionsValidator : AbstractValidator<IdempotencyOptions>
{
    public IdempotencyOptionsValidator()
    {
        RuleFor(o => o.Retention).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 1.00:00:00 (one day).");
        RuleFor(o => o.SweepInterval).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:10:00.");
    }
}
