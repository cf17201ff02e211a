using System.ComponentModel.DataAnnotations;

namespace AeBot.Data.Import;

/// <summary>Configuration section "Import": defaults a mapping file can override per import.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>How to read ambiguous dates like 03/04/2026.</summary>
    public DateOrder DateOrder { get; set; } = DateOrder.MonthDayYear;

    /// <summary>Stage names that mean won, besides the built-in ones ("Closed Won", "Won", "closedwon", …).</summary>
    public List<string> WonStages { get; set; } = [];

    /// <summary>Stage names that mean lost, besides the built-in ones ("Closed Lost", "Lost", "closedlost", …).</summary>
    public List<string> LostStages { get; set; } = [];

    /// <summary>Rows written per round trip of existing-record look-ups.</summary>
    [Range(50, 50_000)]
    public int BatchSize { get; set; } = 1_000;
}
