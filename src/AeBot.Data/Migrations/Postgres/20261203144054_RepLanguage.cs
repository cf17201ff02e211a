using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RepLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BuddhistEra",
                table: "Reps",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Reps",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Locale",
                table: "Reps",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BuddhistEra",
                table: "Reps");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Reps");

            migrationBuilder.DropColumn(
                name: "Locale",
                table: "Reps");
        }
    }
}
