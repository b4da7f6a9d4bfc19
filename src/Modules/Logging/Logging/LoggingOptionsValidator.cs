using ModuleKit.Settings;

namespace Logging;

internal sealed class LoggingOptionsValidator : AbstractValidator<LoggingOptions>
{
    public LoggingOptionsValidator()
    {
        RuleFor(o => o.Ingestion.MaxBatchSize).GreaterThanOrEqualTo(1).WithMessage("must be at least 1.");
        RuleFor(o => o.Paging).SetValidator(new PageSizeRules(LoggingOptions.MaxPageSize, "a page of records is read in one query."));
    }
}
