using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AeBot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringDealIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Opportunities_OwnerId_StageCategory_CloseDate",
                table: "Opportunities");

            migrationBuilder.DropIndex(
                name: "IX_Opportunities_StageCategory_CloseDate",
                table: "Opportunities");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_OwnerId_StageCategory_CloseDate_Currency_Prob~",
                table: "Opportunities",
                columns: new[] { "OwnerId", "StageCategory", "CloseDate", "Currency", "Probability", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_StageCategory_CloseDate_Currency_Probability_~",
                table: "Opportunities",
                columns: new[] { "StageCategory", "CloseDate", "Currency", "Probability", "Amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Opportunities_OwnerId_StageCategory_CloseDate_Currency_Prob~",
                table: "Opportunities");

            migrationBuilder.DropIndex(
                name: "IX_Opportunities_StageCategory_CloseDate_Currency_Probability_~",
                table: "Opportunities");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_OwnerId_StageCategory_CloseDate",
                table: "Opportunities",
                columns: new[] { "OwnerId", "StageCategory", "CloseDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_StageCategory_CloseDate",
                table: "Opportunities",
                columns: new[] { "StageCategory", "CloseDate" });
        }
    }
}
