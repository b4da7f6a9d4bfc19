using FluentValidation;
using Logging.Domain;
using Logging.Features.Analysis;
using ModuleKit.Paging;

namespace Logging.Features.ListRecords;

internal sealed class ListRecordsValidator : AbstractValidator<ListRecordsQuery>
{
    public ListRecordsValidator(TimeProvider clock)
    {
        RuleFor(q => q.Cursor).Must(c => Cursor.TryRead(c, out _)).When(q => q.Cursor is not null).WithMessage(Cursor.InvalidMessage);
        RuleFor(q => q.Limit).GreaterThanOrEqualTo(1).When(q => q.Limit is not null).WithMessage("must be at least 1");
        RuleFor(q => q.Status).Must(s => LogRecordRules.IsStatus(s!.Value)).When(q => q.Status is not null)
            .WithMessage($"must be an integer between {LogRecordRules.MinStatus} and {LogRecordRules.MaxStatus}");
        RuleFor(q => q).Custom((query, context) => AnalysisWindow.Validate(query, context, clock.GetUtcNow()));
    }
}
