using Microsoft.EntityFrameworkCore.Migrations;
using ModuleKit.Events;

namespace Users.Data.Migrations;

/// <summary>
/// The outbox, inbox and dispatch lease of integration events (docs/adr/0017). Written by hand before dotnet ef could
/// run here (docs/adr/0005); its target model, the .Designer.cs half, was generated later. Kept as it was because
/// existing databases record its id: see docs/adr/0025.
/// </summary>
internal sealed partial class AddEventTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => EventTables.Create(migrationBuilder);

    protected override void Down(MigrationBuilder migrationBuilder) => EventTables.Drop(migrationBuilder);
}
