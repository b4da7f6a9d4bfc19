using ModuleKit.Data;
using ModuleKit.Events;
using Users.Domain;

namespace Users.Data;

internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

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

        modelBuilder.AddEventTables();
        modelBuilder.AddIdempotencyKeys();
    }
}
