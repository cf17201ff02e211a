using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrmSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrmCursors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: true),
                    Position = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmCursors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CrmRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CrmSyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Full = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Counts = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmSyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CrmWriteBacks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BotChangeId = table.Column<long>(type: "INTEGER", nullable: false),
                    RepId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CrmId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmWriteBacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmWriteBacks_Reps_RepId",
                        column: x => x.RepId,
                        principalTable: "Reps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrmCursors_Provider_ObjectType",
                table: "CrmCursors",
                columns: new[] { "Provider", "ObjectType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmRecords_Provider_ObjectType_CrmId",
                table: "CrmRecords",
                columns: new[] { "Provider", "ObjectType", "CrmId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmRecords_Provider_ObjectType_LocalId",
                table: "CrmRecords",
                columns: new[] { "Provider", "ObjectType", "LocalId" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmSyncRuns_Provider_StartedAt",
                table: "CrmSyncRuns",
                columns: new[] { "Provider", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmWriteBacks_Provider_BotChangeId",
                table: "CrmWriteBacks",
                columns: new[] { "Provider", "BotChangeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmWriteBacks_Provider_State_NextAttemptAt",
                table: "CrmWriteBacks",
                columns: new[] { "Provider", "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmWriteBacks_RepId",
                table: "CrmWriteBacks",
                column: "RepId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrmCursors");

            migrationBuilder.DropTable(
                name: "CrmRecords");

            migrationBuilder.DropTable(
                name: "CrmSyncRuns");

            migrationBuilder.DropTable(
                name: "CrmWriteBacks");
        }
    }
}
