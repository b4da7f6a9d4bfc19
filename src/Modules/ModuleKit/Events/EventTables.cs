using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ModuleKit.Events;

/// <summary>An integration event waiting to be delivered, written in the same transaction as the change it announces.</summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The W3C trace context of the request that raised the event, so its delivery joins the same trace.</summary>
    public string? TraceParent { get; set; }
}

/// <summary>An event this module has handled; its id makes a second delivery of the same event a no-op.</summary>
internal sealed class InboxMessage
{
    public Guid EventId { get; set; }

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset HandledAt { get; set; }
}

/// <summary>Who may dispatch the outbox now: one process at a time, so events leave in order even when two processes share the database.</summary>
internal sealed class OutboxLease
{
    public string Name { get; set; } = string.Empty;

    public string Holder { get; set; } = string.Empty;

    /// <summary>Unix milliseconds; an expired lease may be taken over.</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>The outbox, inbox and lease tables a module that publishes or handles integration events adds to its database.</summary>
public static class EventTables
{
    public const string Outbox = "OutboxMessages";
    public const string Inbox = "InboxMessages";
    public const string Leases = "OutboxLeases";

    private const int TypeMaxLength = 256;

    public static ModelBuilder AddEventTables(this ModelBuilder modelBuilder)
    {
        var outbox = modelBuilder.Entity<OutboxMessage>();
        outbox.ToTable(Outbox);
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Type).HasMaxLength(TypeMaxLength).IsRequired();
        outbox.Property(m => m.Payload).IsRequired();
        outbox.Property(m => m.TraceParent).HasMaxLength(128);

        var inbox = modelBuilder.Entity<InboxMessage>();
        inbox.ToTable(Inbox);
        inbox.HasKey(m => m.EventId);
        inbox.Property(m => m.Type).HasMaxLength(TypeMaxLength).IsRequired();

        var lease = modelBuilder.Entity<OutboxLease>();
        lease.ToTable(Leases);
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(32);
        lease.Property(l => l.Holder).HasMaxLength(128).IsRequired();
        return modelBuilder;
    }

    /// <summary>
    /// The body of the hand-written <c>AddEventTables</c> migration of Users and Tweets (docs/adr/0005, kept by 0025). A
    /// module that adds the tables from now on calls <see cref="AddEventTables"/> and lets dotnet ef generate the migration.
    /// </summary>
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: Outbox,
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                Type = table.Column<string>(type: "TEXT", maxLength: TypeMaxLength, nullable: false),
                Payload = table.Column<string>(type: "TEXT", nullable: false),
                OccurredAt = table.Column<string>(type: "TEXT", nullable: false),
                TraceParent = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
            },
            constraints: table => table.PrimaryKey($"PK_{Outbox}", x => x.Id));

        migrationBuilder.CreateTable(
            name: Inbox,
            columns: table => new
            {
                EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                Type = table.Column<string>(type: "TEXT", maxLength: TypeMaxLength, nullable: false),
                HandledAt = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Inbox}", x => x.EventId));

        migrationBuilder.CreateTable(
            name: Leases,
            columns: table => new
            {
                Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Leases}", x => x.Name));
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: Outbox);
        migrationBuilder.DropTable(name: Inbox);
        migrationBuilder.DropTable(name: Leases);
    }
}
