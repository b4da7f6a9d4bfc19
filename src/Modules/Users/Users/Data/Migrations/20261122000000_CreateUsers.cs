using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Users.Data.Migrations;

/// <summary>Written by hand: the design-time tooling does not restore here (docs/adr/0005).</summary>
[DbContext(typeof(UsersDbContext))]
[Migration("20261122000000_CreateUsers")]
internal sealed class CreateUsers : Migration
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
