using ContractKinds;

namespace Logging.Contracts;

/// <summary>
/// Stores a batch of request records, all or nothing. Entries whose <see cref="RequestLogEntry.Id"/> is already
/// stored are skipped, so a sender may resend a batch it is unsure about. At most <see cref="MaxEntries"/> entries.
/// </summary>
public sealed record RecordRequests(IReadOnlyList<RequestLogEntry> Entries) : ICommand<RecordedRequests>
{
    public const int MaxEntries = 1000;
}

/// <summary>How many entries of a batch were stored, and how many were already there.</summary>
public sealed record RecordedRequests(int Stored, int AlreadyStored);
