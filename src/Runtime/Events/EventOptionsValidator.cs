using FluentValidation;

namespace ModuleRuntime.Events;

internal sealed class EventOptionsValidator : AbstractValidator<EventOptions>
{
    public EventOptionsValidator()
    {
        RuleFor(o => o.PollInterval).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:00:00.5.");
        RuleFor(o => o.LeaseDuration).GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).WithMessage("must be at least one second.");
        RuleFor(o => o.MaxRetryDelay).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration.");
    }
}
