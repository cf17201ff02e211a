using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboundDeliveryClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompletedAt",
                table: "InboundDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseUntil",
                table: "InboundDeliveries",
                type: "timestamp with time zone",
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
