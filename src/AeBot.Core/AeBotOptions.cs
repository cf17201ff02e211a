using System.ComponentModel.DataAnnotations;

namespace AeBot.Core;

/// <summary>Configuration section "AeBot": how the sales org counts money and time.</summary>
public sealed class AeBotOptions
{
    public const string SectionName = "AeBot";

    /// <summary>Reporting currency (ISO 4217): used for amounts that arrive without one and for totals.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "AeBot:Currency must be an ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>First month of the fiscal year (1 = January).</summary>
    [Range(1, 12)]
    public int FiscalYearStartMonth { get; set; } = 1;

    /// <summary>Time zone for reps whose own zone is not known.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";
}
