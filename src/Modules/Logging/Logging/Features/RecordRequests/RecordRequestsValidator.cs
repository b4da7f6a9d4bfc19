using FluentValidation;
using Logging.Contracts;
using Logging.Domain;

namespace Logging.Features.RecordRequests;

/// <summary>
/// Refuses only what cannot be stored at all. Entries describe requests already served, so an odd but real one
/// (a long custom method, a path with a decoded control character) must not make a whole batch bounce:
/// over-long text is cut to the column's size instead (<see cref="RecordRequestsHandler"/>).
/// </summary>
internal sealed class RecordRequestsValidator : AbstractValidator<Contracts.RecordRequests>
{
    public RecordRequestsValidator()
    {
        RuleFor(r => r.Entries).NotNull()
            .Must(e => e.Count <= Contracts.RecordRequests.MaxEntries)
            .WithMessage($"A batch may hold at most {Contracts.RecordRequests.MaxEntries} entries.");
        RuleForEach(r => r.Entries).NotNull().SetValidator(new EntryValidator());
    }

    private sealed class EntryValidator : AbstractValidator<RequestLogEntry>
    {
        public EntryValidator()
        {
            RuleFor(e => e.Id).Must(v => v is not null && LogRecordRules.IsText(v, LogRecordRules.RecordIdMaxLength))
                .WithMessage($"must be 1 to {LogRecordRules.RecordIdMaxLength} characters without control characters");
            RuleFor(e => e.Method).NotEmpty().WithMessage("must be the request's HTTP method");
            RuleFor(e => e.Path).NotEmpty().WithMessage("must be the request's path");
            RuleFor(e => e.Module).NotEmpty().WithMessage("must name the module that served the request, or Host");
            RuleFor(e => e.Status).InclusiveBetween(100, 999).WithMessage("must be an HTTP status code (100 to 999)");
            RuleFor(e => e.DurationMs).Must(d => double.IsFinite(d) && d >= 0)
                .WithMessage("must be a number of milliseconds, 0 or more");
        }
    }
}
