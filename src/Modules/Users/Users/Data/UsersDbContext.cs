using ModuleKit.Data;
using ModuleKit.Events;
using Users.Domain;

namespace Users.Data;

internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<LogInThrottle> LogInThrottles => Set<LogInThrottle>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<User>();
        user.ToTable("Users");
        user.HasKey(u => u.Number);
        user.Property(u => u.Id).HasMaxLength(UserRules.IdMaxLength).IsRequired();
        user.Property(u => u.NormalizedId).HasMaxLength(UserRules.IdMaxLength).IsRequired();
        user.Property(u => u.DisplayName).HasMaxLength(UserRules.DisplayNameMaxRawLength).IsRequired();
        user.HasIndex(u => u.NormalizedId).IsUnique();
        user.HasIndex(u => u.GitHubId).IsUnique();

        var throttle = modelBuilder.Entity<LogInThrottle>();
        throttle.ToTable("LogInThrottles");
        throttle.HasKey(t => new { t.NormalizedId, t.Client });
        throttle.Property(t => t.NormalizedId).HasMaxLength(UserRules.LogInIdMaxLength);
        throttle.Property(t => t.Client).HasMaxLength(LogInThrottle.ClientMaxLength);

        var refresh = modelBuilder.Entity<RefreshToken>();
        refresh.ToTable("RefreshTokens");
        refresh.HasKey(t => t.Hash);
        refresh.Property(t => t.Hash).HasMaxLength(RefreshToken.HashLength);
        refresh.Property(t => t.Family).HasMaxLength(RefreshToken.FamilyLength).IsRequired();
        refresh.HasIndex(t => t.Family);
        refresh.HasIndex(t => t.UserNumber);
        refresh.HasOne<User>().WithMany().HasForeignKey(t => t.UserNumber).OnDelete(DeleteBehavior.Cascade);

        modelBuilder.AddEventTables();
        modelBuilder.AddIdempotencyKeys();
    }
}
