using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboundQueueDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundQueue_Channel_ProcessedAt_FailedAt_NextAttemptAt",
                table: "InboundQueue");

            migrationBuilder.CreateIndex(
                name: "IX_InboundQueue_Due",
                table: "InboundQueue",
                columns: new[] { "Channel", "NextAttemptAt" },
                filter: "\"ProcessedAt\" IS NULL AND \"FailedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboundQueue_Due",
                table: "InboundQueue");

            migrationBuilder.CreateIndex(
                name: "IX_InboundQueue_Channel_ProcessedAt_FailedAt_NextAttemptAt",
                table: "InboundQueue",
                columns: new[] { "Channel", "ProcessedAt", "FailedAt", "NextAttemptAt" });
        }
    }
}
