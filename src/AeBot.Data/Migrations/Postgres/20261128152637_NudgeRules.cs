using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AeBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NudgeRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActedAt",
                table: "NudgeLedger",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "NudgeLedger",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Folded",
                table: "NudgeLedger",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FoldedInto",
                table: "NudgeLedger",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LocalDate",
                table: "NudgeLedger",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResurfacedAt",
                table: "NudgeLedger",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SnoozeReason",
                table: "NudgeLedger",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SnoozedAt",
                table: "NudgeLedger",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SnoozedUntil",
                table: "NudgeLedger",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "NudgeLedger",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Why",
                table: "NudgeLedger",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NudgeMutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RepId = table.Column<long>(type: "bigint", nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NudgeMutes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NudgePreferences",
                columns: table => new
                {
                    RepId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DigestTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    DailyCap = table.Column<int>(type: "integer", nullable: true),
                    QuietStart = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    QuietEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
