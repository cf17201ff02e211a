using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Reps",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Locale",
                table: "Reps",
                type: "TEXT",
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
