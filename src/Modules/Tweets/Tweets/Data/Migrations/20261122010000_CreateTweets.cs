using Microsoft.EntityFrameworkCore.Migrations;

namespace Tweets.Data.Migrations;

/// <summary>
/// Written by hand before dotnet ef could run here (docs/adr/0005); its target model, the .Designer.cs half, was
/// generated later. Kept as it was because existing databases record its id: see docs/adr/0025.
/// </summary>
internal sealed partial class CreateTweets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tweets",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                AuthorKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 8960, nullable: false),
                PostedAt = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tweets", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Follows",
            columns: table => new
            {
                FollowerKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                FolloweeKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Since = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Follows", x => new { x.FollowerKey, x.FolloweeKey }));

        migrationBuilder.CreateTable(
            name: "Members",
            columns: table => new
            {
                Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                JoinedAt = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Members", x => x.Key));

        migrationBuilder.CreateIndex(name: "IX_Tweets_AuthorKey_Id", table: "Tweets", columns: ["AuthorKey", "Id"]);
        migrationBuilder.CreateIndex(name: "IX_Follows_FolloweeKey", table: "Follows", column: "FolloweeKey");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Tweets");
        migrationBuilder.DropTable(name: "Follows");
        migrationBuilder.DropTable(name: "Members");
    }
}
