using AeBot.Core.Text;

namespace AeBot.Core.Commission;

/// <summary>One band of the plan and what it pays: bookings from one attainment to the next at one rate.</summary>
public sealed record CommissionBand(string Label, decimal Bookings, decimal Rate, decimal Commission);

public sealed record CommissionResult(decimal Bookings, decimal? Quota, decimal Commission, bool Capped, IReadOnlyList<CommissionBand> Bands)
{
    public decimal? AttainmentPercent => Quota is > 0 ? Bookings / Quota.Value * 100m : null;
}

/// <summary>
/// Applies the plan: each slice of bookings is paid at the rate of the attainment band it falls in (bookings to
/// quota at the base rate, the slice from 100 % to 150 % at the first accelerator, …), then the cap. Without a
/// quota every booking is paid at the base rate. Exact decimal arithmetic, rounded to cents at the end.
/// </summary>
public static class CommissionCalculator
{
    public static CommissionResult Calculate(CommissionOptions plan, decimal bookings, decimal? quota) => Calculate(plan, bookings, quota, ReplyLanguage.English);

    /// <summary>The same, its bands named in the reader's language.</summary>
    public static CommissionResult Calculate(CommissionOptions plan, decimal bookings, decimal? quota, ReplyLanguage language)
    {
        string T(string key, params object?[] args) => language.Format(CommissionTexts.ResourceManager, key, args);
        var bands = new List<CommissionBand>();
        if (quota is not > 0)
        {
            var all = Round(bookings * plan.BaseRate);
            bands.Add(new CommissionBand(T(nameof(CommissionTexts.Band_NoQuota)), bookings, plan.BaseRate, all));
            return Cap(plan, bookings, null, bands);
        }

        var edges = new List<(decimal From, decimal Rate, string Label)> { (0m, plan.BaseRate, T(nameof(CommissionTexts.Band_UpToQuota))) };
        foreach (var a in plan.EffectiveAccelerators)
            edges.Add((quota.Value * a.FromAttainmentPercent / 100m, a.Rate, T(nameof(CommissionTexts.Band_Above), a.FromAttainmentPercent.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
        for (var i = 0; i < edges.Count; i++)
        {
            var from = edges[i].From;
            var to = i + 1 < edges.Count ? edges[i + 1].From : decimal.MaxValue;
            if (bookings <= from)
                break;
            var slice = Math.Min(bookings, to) - from;
            bands.Add(new CommissionBand(edges[i].Label, slice, edges[i].Rate, Round(slice * edges[i].Rate)));
        }
        return Cap(plan, bookings, quota, bands);
    }

    private static CommissionResult Cap(CommissionOptions plan, decimal bookings, decimal? quota, List<CommissionBand> bands)
    {
        var total = bands.Sum(b => b.Commission);
        var capped = plan.CapPerPeriod is { } cap && total > cap;
        return new CommissionResult(bookings, quota, capped ? plan.CapPerPeriod!.Value : total, capped, bands);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
