using Logging.Domain;
using ModuleKit.Data;

namespace Logging.Data;

internal sealed class LoggingDbContext(DbContextOptions<LoggingDbContext> options) : DbContext(options)
{
    public DbSet<LogRecord> Records => Set<LogRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var record = modelBuilder.Entity<LogRecord>();
        record.ToTable("LogRecords");
        record.HasKey(r => r.Number);
        record.Property(r => r.RecordId).HasMaxLength(LogRecordRules.RecordIdMaxLength).IsRequired();
        // Unix milliseconds, so analysis windows and minute buckets are plain integer arithmetic in SQL.
        record.Property(r => r.Timestamp).HasConversion(t => t.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
        record.Property(r => r.Method).HasMaxLength(LogRecordRules.MethodMaxLength);
        record.Property(r => r.Path).HasMaxLength(LogRecordRules.PathMaxLength).IsRequired();
        record.Property(r => r.Url).HasMaxLength(LogRecordRules.UrlMaxLength);
        record.Property(r => r.Route).HasMaxLength(LogRecordRules.RouteMaxLength);
        record.Property(r => r.UserId).HasMaxLength(LogRecordRules.UserIdMaxLength);
        record.Property(r => r.Ip).HasMaxLength(LogRecordRules.IpMaxLength);
        record.Property(r => r.Module).HasMaxLength(LogRecordRules.ModuleMaxLength);
        record.Property(r => r.TraceId).HasMaxLength(LogRecordRules.TraceIdMaxLength);
        record.Property(r => r.Source).HasMaxLength(LogRecordRules.SourceMaxLength).IsRequired();
        record.HasIndex(r => r.RecordId).IsUnique();
        record.HasIndex(r => r.Timestamp);

        modelBuilder.AddIdempotencyKeys();
    }
}
