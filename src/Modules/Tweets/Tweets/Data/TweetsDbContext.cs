using ModuleKit.Data;
using ModuleKit.Events;
using Tweets.Domain;

namespace Tweets.Data;

internal sealed class TweetsDbContext(DbContextOptions<TweetsDbContext> options) : DbContext(options)
{
    // Keys hold user ids (at most 20 characters in the Users module); the cap leaves room without trusting it blindly.
    private const int UserIdMaxLength = 64;

    public DbSet<Tweet> Tweets => Set<Tweet>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<Member> Members => Set<Member>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var tweet = modelBuilder.Entity<Tweet>();
        tweet.ToTable("Tweets");
        tweet.HasKey(t => t.Id);
        tweet.Property(t => t.AuthorId).HasMaxLength(UserIdMaxLength).IsRequired();
        tweet.Property(t => t.AuthorKey).HasMaxLength(UserIdMaxLength).IsRequired();
        tweet.Property(t => t.Text).HasMaxLength(TweetRules.MaxRawLength).IsRequired();
        tweet.HasIndex(t => new { t.AuthorKey, t.Id });

        var follow = modelBuilder.Entity<Follow>();
        follow.ToTable("Follows");
        follow.HasKey(f => new { f.FollowerKey, f.FolloweeKey });
        follow.Property(f => f.FollowerKey).HasMaxLength(UserIdMaxLength);
        follow.Property(f => f.FolloweeKey).HasMaxLength(UserIdMaxLength);
        follow.HasIndex(f => f.FolloweeKey);

        var member = modelBuilder.Entity<Member>();
        member.ToTable("Members");
        member.HasKey(m => m.Key);
        member.Property(m => m.Key).HasMaxLength(UserIdMaxLength);
        member.Property(m => m.Id).HasMaxLength(UserIdMaxLength).IsRequired();

        modelBuilder.AddEventTables();
        modelBuilder.AddIdempotencyKeys();
    }
}
