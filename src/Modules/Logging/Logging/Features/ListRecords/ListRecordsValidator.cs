using Logging.Application;
using Logging.Domain;

namespace Logging.Features.ListRecords;

internal sealed class ListRecordsValidator : AbstractValidator<ListRecordsQuery>
{
    public ListRecordsValidator(TimeProvider clock)
    {
        Include(new CursorPageRules<ListRecordsQuery>());
        RuleFor(q => q.Status).Must(s => LogRecordRules.IsStatus(s!.Value)).When(q => q.Status is not null)
            .WithMessage(LogRecordRules.StatusMessage);
        RuleFor(q => q).Custom((query, context) => AnalysisWindow.Validate(query, context, clock.GetUtcNow()));
    }
}
