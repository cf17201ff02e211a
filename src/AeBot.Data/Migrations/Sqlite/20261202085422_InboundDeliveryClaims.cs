using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboundDeliveryClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CompletedAt",
                table: "InboundDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "InboundDeliveries",
                type: "INTEGER",
                nullable: true);

            // Deliveries recorded before claims existed were handled: never run them again.
            migrationBuilder.Sql("UPDATE \"InboundDeliveries\" SET \"CompletedAt\" = \"ReceivedAt\" WHERE \"CompletedAt\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "InboundDeliveries");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "InboundDeliveries");
        }
    }
}
