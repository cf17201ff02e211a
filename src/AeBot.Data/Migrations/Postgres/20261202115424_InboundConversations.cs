using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboundConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answer",
                table: "InboundQueue",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "InboundQueue",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conversation",
                table: "InboundQueue",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Requests stored before conversations were kept: each on its own, so none waits for another.
            migrationBuilder.Sql("""UPDATE "InboundQueue" SET "Conversation" = 'item:' || "Id" WHERE "Conversation" = '';""");

            migrationBuilder.CreateIndex(
                name: "IX_InboundQueue_Conversation",
                table: "InboundQueue",
                columns: new[] { "Channel", "Conversation", "Id" },
                filter: "\"ProcessedAt\" IS NULL AND \"FailedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundQueue_Conversation",
                table: "InboundQueue");

            migrationBuilder.DropColumn(
                name: "Answer",
                table: "InboundQueue");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "InboundQueue");

            migrationBuilder.DropColumn(
                name: "Conversation",
                table: "InboundQueue");
        }
    }
}
