using Logging.Domain;
using ModuleKit.Data;

namespace Logging.Data;

internal sealed class LoggingDbContext(DbContextOptions<LoggingDbContext> options) : DbContext(options)
{
    public DbSet<LogRecord> Records => Set<LogRecord>();

    public DbSet<LogRollup> Rollups => Set<LogRollup>();

    public DbSet<LogRollupDelta> RollupDeltas => Set<LogRollupDelta>();

    public DbSet<RollupBackfill> Backfill => Set<RollupBackfill>();

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

        var rollup = modelBuilder.Entity<LogRollup>();
        rollup.ToTable("LogRollups");
        rollup.HasKey(r => r.Id);
        rollup.Property(r => r.Key).HasMaxLength(Math.Max(LogRecordRules.PathMaxLength, LogRecordRules.RouteMaxLength));
        // Not unique: a null key is distinct from every other null in a unique index on both providers. One compaction
        // at a time writes the roll-ups (RollupCompaction), so a slot's key has one row.
        // The counts ride in the index, so choosing the largest groups never reads the rows' histograms.
        rollup.HasIndex(r => new { r.Dimension, r.Span, r.Start, r.Key, r.Requests, r.ClientErrors, r.ServerErrors });

        var delta = modelBuilder.Entity<LogRollupDelta>();
        delta.ToTable("LogRollupDeltas");
        delta.HasKey(d => d.Id);
        delta.Property(d => d.Key).HasMaxLength(Math.Max(LogRecordRules.PathMaxLength, LogRecordRules.RouteMaxLength));
        delta.HasIndex(d => new { d.Dimension, d.Start });

        var backfill = modelBuilder.Entity<RollupBackfill>();
        backfill.ToTable("RollupBackfill");
        backfill.HasKey(b => b.Id);
        backfill.Property(b => b.Id).ValueGeneratedNever();

        modelBuilder.AddIdempotencyKeys();
    }
}
