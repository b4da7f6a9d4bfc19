using FluentValidation;

namespace ModuleRuntime.Events.RabbitMq;

internal sealed class RabbitMqOptionsValidator : AbstractValidator<RabbitMqOptions>
{
    public RabbitMqOptionsValidator()
    {
        RuleFor(o => o.Uri)
            .Must(uri => System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "amqp" or "amqps")
            .WithMessage("must be the broker's address, such as amqp://guest:guest@127.0.0.1:5672/, when Events:Transport is RabbitMq.");
        RuleFor(o => o.MaxDeliveryAttempts).InclusiveBetween(1, 100).WithMessage("must be from 1 to 100.");
        RuleFor(o => o.Prefetch).InclusiveBetween(1, 1000).WithMessage("must be from 1 to 1000.");
        RuleFor(o => o.ReconnectInterval).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5))
            .WithMessage("must be from 00:00:00.1 to 00:05:00.");
    }
}
