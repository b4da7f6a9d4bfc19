using Microsoft.EntityFrameworkCore;

namespace ModuleKit.Data;

/// <summary>
/// A state-changing request a caller sent with an <c>Idempotency-Key</c>, and the answer it got: stored in the same
/// transaction as the change, so a repeat of the request is answered from here instead of being run again.
/// </summary>
internal sealed class RememberedRequest
{
    /// <summary>The authenticated user id, or empty for an anonymous caller.</summary>
    public string Caller { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>A hash of the method, path, query and body: the same key with another request is refused, not answered.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    public int Status { get; set; }

    /// <summary>The response headers worth repeating (such as Location), as a JSON object.</summary>
    public string Headers { get; set; } = "{}";

    public byte[] Body { get; set; } = [];

    /// <summary>Unix milliseconds; after this the key is forgotten and a repeat runs again.</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>The table of remembered requests every module adds to its own database.</summary>
public static class IdempotencyKeys
{
    public const string Table = "IdempotencyKeys";
    public const int KeyMaxLength = 200;
    public const int CallerMaxLength = 128;

    public static ModelBuilder AddIdempotencyKeys(this ModelBuilder modelBuilder)
    {
        var remembered = modelBuilder.Entity<RememberedRequest>();
        remembered.ToTable(Table);
        remembered.HasKey(r => new { r.Caller, r.Key });
        remembered.Property(r => r.Caller).HasMaxLength(CallerMaxLength);
        remembered.Property(r => r.Key).HasMaxLength(KeyMaxLength);
        remembered.Property(r => r.Fingerprint).HasMaxLength(64).IsRequired();
        remembered.Property(r => r.Headers).IsRequired();
        remembered.Property(r => r.Body).IsRequired();
        remembered.HasIndex(r => r.ExpiresAt);
        return modelBuilder;
    }
}
