using FluentValidation;
using ModuleRuntime.Events.RabbitMq;

namespace ModuleRuntime.Events;

internal sealed class EventOptionsValidator : AbstractValidator<EventOptions>
{
    public EventOptionsValidator()
    {
        RuleFor(o => o.PollInterval).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:00:00.5.");
        RuleFor(o => o.LeaseDuration).GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).WithMessage("must be at least one second.");
        RuleFor(o => o.MaxRetryDelay).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration.");
        RuleFor(o => o.Transport).IsInEnum().WithMessage("must be Http or RabbitMq.");
        // Checked only when chosen: a machine running on HTTP push needs no broker settings at all.
        RuleFor(o => o.RabbitMq).SetValidator(new RabbitMqOptionsValidator()).When(o => o.Transport == EventTransport.RabbitMq);
    }
}
