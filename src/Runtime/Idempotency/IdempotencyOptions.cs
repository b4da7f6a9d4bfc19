namespace ModuleRuntime.Idempotency;

/// <summary>The <c>Idempotency</c> settings: how long a module remembers a key with its answer, and how often it forgets expired ones.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>Long enough for any client's retries, including a browser that comes back after a night's sleep.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
