using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Formatting;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// The independent oracle of the figure tests: plain SQL written for the test, its one value formatted as a reply
/// shows it, and a check that the reply shows that figure whole.
/// </summary>
internal static partial class SqlOracle
{
    public static async Task<decimal> ScalarAsync(AeBotDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0m : Convert.ToDecimal(result, CultureInfo.InvariantCulture);
    }

    /// <summary>"count" → "12 deals", "money" → "$1,234,567", "percent" → "42.3%", "days" → "45 days" (see Figures/README.md).</summary>
    public static string Expected(string format, decimal value) => format switch
    {
        "count" => MoneyFormat.Count((int)value, "deal"),
        "contracts" => MoneyFormat.Count((int)value, "contract"),
        "number" => ((int)value).ToString("#,0", CultureInfo.InvariantCulture),
        "money" => MoneyFormat.Exact(decimal.Round(value, 2), "USD"),
        "percent" => MoneyFormat.Percent(value),
        "days" => $"{decimal.Round(value, 0):#,0} days",
        _ => throw new InvalidDataException($"Unknown figure format {format}"),
    };

    /// <summary>The figure as a whole: "2 deals" is not in "12 deals", "$1,234" not in "$1,234,567", "4" not in "Q4".</summary>
    public static bool Shows(string reply, string figure) =>
        Regex.IsMatch(reply, $@"(?<![\w.,]){Regex.Escape(figure)}(?!\w|[.,]\d)", RegexOptions.CultureInvariant);
}
