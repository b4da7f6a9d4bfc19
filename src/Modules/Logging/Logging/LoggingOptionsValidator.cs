using ModuleKit.Settings;

namespace Logging;

internal sealed class LoggingOptionsValidator : AbstractValidator<LoggingOptions>
{
    public LoggingOptionsValidator()
    {
        RuleFor(o => o.Ingestion.MaxBatchSize).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Retention.RawRecords).GreaterThanOrEqualTo(TimeSpan.FromMinutes(1)).When(o => o.Retention.RawRecords is not null)
            .WithMessage("must be at least a minute (00:01:00), or left out to keep every record.");
        RuleFor(o => o.Retention.BatchSize).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Retention.Interval).GreaterThan(TimeSpan.Zero).WithMessage("must be longer than zero.");
        RuleFor(o => o.Rollups.BatchSize).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Rollups.Interval).GreaterThan(TimeSpan.Zero).WithMessage("must be longer than zero.");
        RuleFor(o => o.Paging).SetValidator(new PageSizeRules(LoggingOptions.MaxPageSize, "a page of records is read in one query."));
    }
}
