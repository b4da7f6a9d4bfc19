using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModuleKit.Events;

namespace Tweets.Data.Migrations;

/// <summary>The outbox, inbox and dispatch lease of integration events (docs/adr/0017). Written by hand (docs/adr/0005).</summary>
[DbContext(typeof(TweetsDbContext))]
[Migration("20261122020000_AddEventTables")]
internal sealed class AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => EventTables.Create(migrationBuilder);

    protected override void Down(MigrationBuilder migrationBuilder) => EventTables.Drop(migrationBuilder);
}
