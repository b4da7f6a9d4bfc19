using System.Globalization;
using Logging.Contracts;
using Logging.Domain;

namespace Logging.Features.RecordRequests;

/// <summary>
/// Refuses only what cannot be stored at all. Entries describe requests already served, so an odd but real one
/// (a long custom method, a path with a decoded control character) must not make a whole batch bounce:
/// over-long text is cut to the column's size instead (<see cref="RecordRequestsHandler"/>).
/// The entries are checked in one plain loop: this runs for every batch the Host ships, on the hot path.
/// </summary>
internal sealed class RecordRequestsValidator : AbstractValidator<Contracts.RecordRequests>
{
    public RecordRequestsValidator()
    {
        RuleFor(r => r.Entries).NotNull()
            .Must(e => e.Count <= Contracts.RecordRequests.MaxEntries)
            .WithMessage($"A batch may hold at most {Contracts.RecordRequests.MaxEntries} entries.");
        RuleFor(r => r.Entries).Custom(CheckEntries).When(r => r.Entries is not null && r.Entries.Count <= Contracts.RecordRequests.MaxEntries);
    }

    private static void CheckEntries(IReadOnlyList<RequestLogEntry> entries, ValidationContext<Contracts.RecordRequests> context)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Entries[{i}]");
            if (entry is null)
            {
                context.AddFailure(at, "must not be null");
                continue;
            }

            if (entry.Id is null || !LogRecordRules.IsText(entry.Id, LogRecordRules.RecordIdMaxLength))
            {
                context.AddFailure($"{at}.Id", $"must be 1 to {LogRecordRules.RecordIdMaxLength} characters without control characters");
            }

            // Empty is a real value here (an asterisk-form "OPTIONS *" request has an empty path); missing is not.
            if (entry.Method is null)
            {
                context.AddFailure($"{at}.Method", "must be the request's HTTP method");
            }

            if (entry.Path is null)
            {
                context.AddFailure($"{at}.Path", "must be the request's path");
            }

            if (entry.Module is null)
            {
                context.AddFailure($"{at}.Module", "must name the module that served the request, or Host");
            }

            if (!LogRecordRules.IsStatus(entry.Status))
            {
                context.AddFailure($"{at}.Status", LogRecordRules.StatusMessage);
            }

            if (!double.IsFinite(entry.DurationMs) || entry.DurationMs < 0)
            {
                context.AddFailure($"{at}.DurationMs", "must be a number of milliseconds, 0 or more");
            }
        }
    }
}
