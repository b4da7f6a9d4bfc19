using FluentValidation;
using Logging.Contracts;

namespace Monolith.Host.RequestLogs;

internal sealed class RequestLogShippingOptionsValidator : AbstractValidator<RequestLogShippingOptions>
{
    public RequestLogShippingOptionsValidator()
    {
        RuleFor(o => o.BufferCapacity).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.BatchSize).InclusiveBetween(1, RecordRequests.MaxEntries)
            .WithMessage($"must be between 1 and {RecordRequests.MaxEntries}: the Logging contract takes no more per call.");
        RuleFor(o => o.FlushInterval).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("must not be negative (a duration such as 00:00:00.200).");
        RuleFor(o => o.SendTimeout).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:00:05.");
        RuleFor(o => o.RetryDelay).GreaterThan(TimeSpan.Zero).WithMessage("must be a positive duration such as 00:00:01.");
        RuleFor(o => o.MaxRetryDelay).GreaterThanOrEqualTo(o => o.RetryDelay).WithMessage(o => $"must be at least RetryDelay ({o.RetryDelay}).");
        RuleFor(o => o.SpoolDirectory).NotEmpty().WithMessage("must name a directory, relative to the data directory.");
        RuleFor(o => o.SpoolSegmentSize).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
    }
}
