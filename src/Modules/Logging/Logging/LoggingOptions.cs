namespace Logging;

/// <summary>The Logging module's settings (<c>Modules:Logging</c>).</summary>
internal sealed class LoggingOptions
{
    /// <summary>The largest page of records a setting may allow; it keeps one page's query (size + 1 rows) bounded.</summary>
    public const int MaxPageSize = 1000;

    public IngestionOptions Ingestion { get; set; } = new();

    /// <summary>Page sizes of the raw record list.</summary>
    public PageSize Paging { get; set; } = new() { Default = 50, Max = 500 };

    /// <summary>How long raw records are kept for drill-down; the roll-ups the statistics read are kept regardless.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>How often, and how much at a time, the roll-up deltas written at ingestion are folded into the roll-ups.</summary>
    public RollupOptions Rollups { get; set; } = new();

    internal sealed class IngestionOptions
    {
        /// <summary>The value clients off this machine send in <c>X-Ingestion-Key</c>; unset means only loopback may send logs.</summary>
        public string? Key { get; set; }

        /// <summary>Whether clients on this machine may send logs without the key (the lecture's set-up).</summary>
        public bool AllowLoopback { get; set; } = true;

        /// <summary>The most records one HTTP request may carry.</summary>
        public int MaxBatchSize { get; set; } = Contracts.RecordRequests.MaxEntries;
    }

    internal sealed class RetentionOptions
    {
        /// <summary>Raw records older than this (by their timestamp, whole minutes) are deleted; unset keeps every record.</summary>
        public TimeSpan? RawRecords { get; set; }

        /// <summary>The most records one transaction deletes, or adds to the roll-ups when rolling up older records, so writers never wait long.</summary>
        public int BatchSize { get; set; } = 10_000;

        /// <summary>How often old records are looked for.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    }

    internal sealed class RollupOptions
    {
        /// <summary>How often the deltas are folded; until then the statistics read them as they are (slower, never wrong).</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The most deltas one transaction folds.</summary>
        public int BatchSize { get; set; } = 20_000;
    }
}
