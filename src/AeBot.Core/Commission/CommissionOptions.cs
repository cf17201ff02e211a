using System.ComponentModel.DataAnnotations;

namespace AeBot.Core.Commission;

/// <summary>
/// The commission plan (section "Commission"): a base rate on bookings up to quota, accelerators above it, and an
/// optional cap per quota period. Bookings are won deal amounts in the configured currency.
/// </summary>
public sealed class CommissionOptions : IValidatableObject
{
    public const string Section = "Commission";

    /// <summary>Rate on bookings up to 100 % of quota (0.10 = 10 %).</summary>
    [Range(typeof(decimal), "0", "1")]
    public decimal BaseRate { get; set; } = 0.10m;

    /// <summary>Higher rates from an attainment upwards; empty in configuration means the default ladder.</summary>
    public List<Accelerator> Accelerators { get; set; } = [];

    /// <summary>Most a rep can earn in one quota period; null for no cap.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? CapPerPeriod { get; set; }

    public static readonly IReadOnlyList<Accelerator> DefaultAccelerators =
    [
        new() { FromAttainmentPercent = 100, Rate = 0.15m },
        new() { FromAttainmentPercent = 150, Rate = 0.20m },
    ];

    public IReadOnlyList<Accelerator> EffectiveAccelerators => (Accelerators.Count > 0 ? Accelerators : DefaultAccelerators).OrderBy(a => a.FromAttainmentPercent).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var a in Accelerators)
        {
            if (a.FromAttainmentPercent <= 0)
                yield return new ValidationResult("Commission:Accelerators: FromAttainmentPercent must be above 0.");
            if (a.Rate is < 0 or > 1)
                yield return new ValidationResult("Commission:Accelerators: Rate must be between 0 and 1.");
        }
        if (Accelerators.GroupBy(a => a.FromAttainmentPercent).Any(g => g.Count() > 1))
            yield return new ValidationResult("Commission:Accelerators: two accelerators start at the same attainment.");
    }
}

public sealed class Accelerator
{
    public decimal FromAttainmentPercent { get; set; }
    public decimal Rate { get; set; }
}
