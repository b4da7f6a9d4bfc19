using Microsoft.EntityFrameworkCore.Migrations;

namespace Users.Data.Migrations;

/// <summary>
/// Written by hand before dotnet ef could run here (docs/adr/0005); its target model, the .Designer.cs half, was
/// generated later. Kept as it was because existing databases record its id: see docs/adr/0025.
/// </summary>
internal sealed partial class CreateUsers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Number = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                NormalizedId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                DisplayName = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                GitHubId = table.Column<long>(type: "INTEGER", nullable: true),
                GitHubLogin = table.Column<string>(type: "TEXT", nullable: true),
                CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                FailedLoginCount = table.Column<int>(type: "INTEGER", nullable: false),
                LockedUntil = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Users", x => x.Number));

        migrationBuilder.CreateIndex(name: "IX_Users_NormalizedId", table: "Users", column: "NormalizedId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Users_GitHubId", table: "Users", column: "GitHubId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Users");
}
