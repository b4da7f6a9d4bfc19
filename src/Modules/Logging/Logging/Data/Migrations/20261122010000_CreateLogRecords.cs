using Microsoft.EntityFrameworkCore.Migrations;

namespace Logging.Data.Migrations;

/// <summary>
/// Written by hand before dotnet ef could run here (docs/adr/0005); its target model, the .Designer.cs half, was
/// generated later. Kept as it was because existing databases record its id: see docs/adr/0025.
/// </summary>
internal sealed partial class CreateLogRecords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LogRecords",
            columns: table => new
            {
                Number = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                Path = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                Route = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                Status = table.Column<int>(type: "INTEGER", nullable: true),
                DurationMs = table.Column<double>(type: "REAL", nullable: true),
                UserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                Module = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                TraceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Extra = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_LogRecords", x => x.Number));

        migrationBuilder.CreateIndex(name: "IX_LogRecords_RecordId", table: "LogRecords", column: "RecordId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_LogRecords_Timestamp", table: "LogRecords", column: "Timestamp");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "LogRecords");
}
