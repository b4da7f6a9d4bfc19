namespace Monolith.Host.RequestLogs;

/// <summary>How the Host ships a record of every request to the Logging module (<c>RequestLogShipping</c>).</summary>
internal sealed class RequestLogShippingOptions
{
    public const string SectionName = "RequestLogShipping";

    public bool Enabled { get; set; } = true;

    /// <summary>Records held in memory before new ones spill straight to the spool.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Records per contract call.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a part-full batch waits for more records before it is sent.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one send may take before the batch goes to the spool instead.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before retrying after a failed send; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The spool's directory, relative to the data directory.</summary>
    public string SpoolDirectory { get; set; } = "log-spool";

    /// <summary>Records per spool file; a drained file is deleted.</summary>
    public int SpoolSegmentSize { get; set; } = 5_000;
}
