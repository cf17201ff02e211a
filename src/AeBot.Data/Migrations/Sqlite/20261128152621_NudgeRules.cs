using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NudgeRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ActedAt",
                table: "NudgeLedger",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "NudgeLedger",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Folded",
                table: "NudgeLedger",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FoldedInto",
                table: "NudgeLedger",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LocalDate",
                table: "NudgeLedger",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResurfacedAt",
                table: "NudgeLedger",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SnoozeReason",
                table: "NudgeLedger",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SnoozedAt",
                table: "NudgeLedger",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SnoozedUntil",
                table: "NudgeLedger",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "NudgeLedger",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Why",
                table: "NudgeLedger",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NudgeMutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepId = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NudgeMutes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NudgePreferences",
                columns: table => new
                {
                    RepId = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DigestTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    DailyCap = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietStart = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietEnd = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NudgePreferences", x => x.RepId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityHistory_ChangedAt",
                table: "OpportunityHistory",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_NudgeLedger_LocalDate_RecipientRepId",
                table: "NudgeLedger",
                columns: new[] { "LocalDate", "RecipientRepId" });

            migrationBuilder.CreateIndex(
                name: "IX_NudgeLedger_RecipientRepId_Folded",
                table: "NudgeLedger",
                columns: new[] { "RecipientRepId", "Folded" },
                filter: "\"Folded\" AND \"FoldedInto\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NudgeLedger_SnoozedUntil",
                table: "NudgeLedger",
                column: "SnoozedUntil",
                filter: "\"SnoozedUntil\" IS NOT NULL AND \"ResurfacedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NudgeMutes_RepId_Category_AccountId",
                table: "NudgeMutes",
                columns: new[] { "RepId", "Category", "AccountId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NudgeMutes");

            migrationBuilder.DropTable(
                name: "NudgePreferences");

            migrationBuilder.DropIndex(
                name: "IX_OpportunityHistory_ChangedAt",
                table: "OpportunityHistory");

            migrationBuilder.DropIndex(
                name: "IX_NudgeLedger_LocalDate_RecipientRepId",
                table: "NudgeLedger");

            migrationBuilder.DropIndex(
                name: "IX_NudgeLedger_RecipientRepId_Folded",
                table: "NudgeLedger");

            migrationBuilder.DropIndex(
                name: "IX_NudgeLedger_SnoozedUntil",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "ActedAt",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "Action",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "Folded",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "FoldedInto",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "LocalDate",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "ResurfacedAt",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "SnoozeReason",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "SnoozedAt",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "SnoozedUntil",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "NudgeLedger");

            migrationBuilder.DropColumn(
                name: "Why",
                table: "NudgeLedger");
        }
    }
}
